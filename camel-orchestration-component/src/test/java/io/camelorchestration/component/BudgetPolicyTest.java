package io.camelorchestration.component;

import java.util.List;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-step and per-exchange budgets, and what each onBudgetExceeded policy does.
 */
class BudgetPolicyTest extends OrchestrateTestSupport {

    static final String DOC = OrchestratePipelineTest.LONG_TEXT;

    {
        llm.answers("an answer").usage(800, 200);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setWorkflowBudgetTokens(3_000);
        orchestrate.setAuditSink(audit::add);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fail").to("orchestrate:strict?intent=generate&budgetTokens=50&onBudgetExceeded=fail&delegate=direct:llm");
                from("direct:fallback").to("orchestrate:lenient?intent=generate&budgetTokens=50&onBudgetExceeded=fallback&delegate=direct:llm");
                from("direct:degrade").to("orchestrate:thrifty?intent=generate&budgetTokens=50&maxOutputTokens=400&delegate=direct:llm");
                from("direct:workflow")
                        .to("orchestrate:first?intent=generate&maxOutputTokens=1000&onBudgetExceeded=fail&delegate=direct:llm")
                        .to("orchestrate:second?intent=generate&maxOutputTokens=1000&onBudgetExceeded=fail&delegate=direct:llm")
                        .to("orchestrate:third?intent=generate&maxOutputTokens=1000&onBudgetExceeded=fail&delegate=direct:llm");
            }
        };
    }

    /** What the delegate saw of each call: text|model=..|max=.. */
    List<String> delegateSaw() {
        return llm.received().stream()
                .map(call -> call.text() + "|model=" + call.model() + "|max=" + call.maxOutputTokens()).toList();
    }

    @Test
    void failThrowsBeforeTheDelegateIsCalled() {
        Exchange out = template.request("direct:fail", e -> e.getMessage().setBody(DOC));

        assertThat(out.getException()).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("budgetTokens of step strict");
        assertThat(delegateSaw()).isEmpty();
        await().untilAsserted(() -> assertThat(audit).extracting(AuditEvent::action)
                .contains(AuditAction.ORCHESTRATION_BUDGET_EXCEEDED));
    }

    @Test
    void fallbackCallsTheDelegateUnoptimised() {
        Exchange out = template.request("direct:fallback", e -> e.getMessage().setBody(DOC));

        assertThat(out.getException()).isNull();
        assertThat(delegateSaw()).containsExactly(DOC + "|model=null|max=null");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .contains("budget exceeded").contains("budgetTokens of step lenient");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isEqualTo(1000L);
    }

    @Test
    void degradeCompressesHarderRoutesCheaperAndHalvesTheOutputCap() {
        Exchange out = template.request("direct:degrade", e -> e.getMessage().setBody(DOC));

        assertThat(out.getException()).isNull();
        assertThat(delegateSaw()).hasSize(1);
        String saw = delegateSaw().get(0);
        assertThat(saw).contains("|max=200");
        assertThat(saw).doesNotContain("model=gpt-4o|").doesNotContain("model=null");
        assertThat(saw.length()).isLessThan(DOC.length());
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        OrchestrateComponent c = context.getComponent("orchestrate", OrchestrateComponent.class);
        assertThat(c.totals().stepsBudgetExceeded()).isEqualTo(1);
    }

    @Test
    void workflowBudgetIsSharedByTheStepsOfOneExchange() {
        // each step reserves its input + 1000 output tokens and really uses 1000; the third no longer fits in 3000
        Exchange out = template.request("direct:workflow", e -> e.getMessage().setBody("Write a short thank-you note."));

        assertThat(out.getException()).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("workflow-budget-tokens");
        assertThat(delegateSaw()).hasSize(2);

        // a new exchange starts with a fresh workflow budget
        llm.reset();
        Exchange again = template.request("direct:fallback", e -> e.getMessage().setBody("Hello"));
        assertThat(again.getException()).isNull();
        assertThat(delegateSaw()).hasSize(1);
    }
}
