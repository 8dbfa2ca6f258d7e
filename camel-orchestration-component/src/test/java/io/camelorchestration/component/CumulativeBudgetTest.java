package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.catalog.Tier;
import io.camelorchestration.check.CheckResult;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.IntentHandler;
import io.camelorchestration.classify.IntentPolicy;
import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.compress.CompressionLevel;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/**
 * A tenant's daily token budget, keyed by a header, in the default in-memory ledger; and a user's own handler in
 * place of a built-in one.
 */
class CumulativeBudgetTest extends OrchestrateTestSupport {

    {
        llm.answers("Sure.").usage(150, 50);
    }

    final FakeLlm yes = fakeLlm("direct:yes")
            .answers(call -> "yes|" + (call.maxOutputTokens() == null ? "" : call.maxOutputTokens()));

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setDefaultModel("gpt-4o-mini");
        orchestrate.setBudgets("tenant-*=1000 tokens/day hard; *=0.01 usd/month soft");
    }

    @Override
    protected void bind(Registry registry) {
        // a handler of the user's: classification answers with a tiny output cap
        registry.bind("myConditional", new IntentHandler() {
            @Override
            public Intent intent() {
                return Intent.CONDITIONAL;
            }

            @Override
            public IntentPolicy policy() {
                return new IntentPolicy(500, 3, CompressionLevel.OFF, Tier.SMALL, false);
            }

            @Override
            public CheckResult check(String output, String input) {
                return output.equals("yes") || output.equals("no") ? CheckResult.pass() : CheckResult.fail("not yes/no");
            }
        });
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:answer").to("orchestrate:answer?intent=generate&maxOutputTokens=100"
                        + "&budgetKey=${header.tenant}&onBudgetExceeded=fail&delegate=direct:llm");
                from("direct:decide").to("orchestrate:urgent?intent=conditional&delegate=direct:yes");
            }
        };
    }

    @Test
    void aHardDailyBudgetPerTenantRefusesOnceSpent() {
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            Exchange out = template.request("direct:answer", e -> {
                e.getMessage().setHeader("tenant", "tenant-a");
                e.getMessage().setBody("Answer the customer.");
            });
            if (out.getException() == null) {
                accepted++;
            } else {
                assertThat(out.getException()).isInstanceOf(BudgetExceededException.class)
                        .hasMessageContaining("tenant-*").hasMessageContaining("tenant-a");
            }
        }
        // each call reserves ~105 tokens and spends 200: 1000 tokens allow five calls, not six
        assertThat(accepted).isEqualTo(5);

        // another tenant has its own budget
        Exchange other = template.request("direct:answer", e -> {
            e.getMessage().setHeader("tenant", "tenant-b");
            e.getMessage().setBody("Answer the customer.");
        });
        assertThat(other.getException()).isNull();
    }

    @Test
    void aBoundHandlerReplacesTheBuiltInPolicy() {
        Exchange out = template.request("direct:decide", e -> e.getMessage().setBody("Server down since 3am, customers affected."));

        assertThat(out.getMessage().getBody(String.class)).isEqualTo("yes|3");
    }
}
