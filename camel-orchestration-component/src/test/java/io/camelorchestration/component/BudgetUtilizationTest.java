package io.camelorchestration.component;

import java.util.List;
import java.util.Map;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.micrometer.core.instrument.DistributionSummary;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * {@code budgetUtilization} in a default setup (no workflow budget): three orchestrated steps, each with its own
 * {@code budgetTokens}, and a delegate that reports 100 input and 20 output tokens per call.
 */
class BudgetUtilizationTest extends OrchestrateTestSupport {


    {
        llm.answers("{\"claim\":\"C-7781\",\"amount\":\"129.00 EUR\"}").usage(100, 20);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setAuditSink(audit::add);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:claim").routeId("claims")
                        .to("orchestrate:fields?intent=extract&budgetTokens=1000&maxOutputTokens=100&delegate=direct:llm")
                        .to("orchestrate:digest?intent=summarize&budgetTokens=2000&maxOutputTokens=100&delegate=direct:llm")
                        .to("orchestrate:reply?intent=generate&budgetTokens=1000&maxOutputTokens=100&delegate=direct:llm");
                from("direct:claimWithUnbudgetedStep").routeId("claimsUnbudgeted")
                        .to("orchestrate:fields?intent=extract&budgetTokens=1000&maxOutputTokens=100&delegate=direct:llm")
                        .to("orchestrate:free?intent=generate&budgetTokens=0&maxOutputTokens=100&delegate=direct:llm");
            }
        };
    }

    @Test
    void withoutAWorkflowBudgetUtilizationIsTokensUsedOverTheStepsBudgets() {
        Exchange out = template.request("direct:claim", e -> e.getMessage().setBody("Claim C-7781: refund 129.00 EUR."));

        assertThat(out.getException()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = out.getProperty(OrchestrateConstants.METRICS_PROPERTY, Map.class);
        assertThat(totals).containsEntry("totalTokensUsed", 360L);
        // 3 × 120 tokens used of 1000 + 2000 + 1000 allocated
        assertThat((Double) totals.get("budgetUtilization")).isCloseTo(360.0 / 4000, within(1e-12));

        await().untilAsserted(() -> assertThat(audit).extracting(AuditEvent::action)
                .contains(AuditAction.ORCHESTRATION_COMPLETED));
        AuditEvent completed = audit.stream().filter(a -> a.action() == AuditAction.ORCHESTRATION_COMPLETED)
                .findFirst().orElseThrow();
        assertThat((Double) completed.details().get("budgetUtilization")).isCloseTo(0.09, within(1e-12));

        DistributionSummary summary = meters.get("orchestration.budget.utilization").tag("route", "claims").summary();
        assertThat(summary.count()).isEqualTo(1);
        assertThat(summary.totalAmount()).isCloseTo(0.09, within(1e-12));
    }

    @Test
    void aStepWithoutABudgetCountsOnNeitherSide() {
        Exchange out = template.request("direct:claimWithUnbudgetedStep",
                e -> e.getMessage().setBody("Claim C-7781: refund 129.00 EUR."));

        @SuppressWarnings("unchecked")
        Map<String, Object> totals = out.getProperty(OrchestrateConstants.METRICS_PROPERTY, Map.class);
        assertThat(totals).containsEntry("totalTokensUsed", 240L);
        // only the extract step has a budget: 120 of its 1000
        assertThat((Double) totals.get("budgetUtilization")).isCloseTo(0.12, within(1e-12));
    }

    @Test
    void withAWorkflowBudgetUtilizationIsTokensUsedOverIt() {
        context.getComponent("orchestrate", OrchestrateComponent.class).setWorkflowBudgetTokens(10_000);

        Exchange out = template.request("direct:claim", e -> e.getMessage().setBody("Claim C-7781: refund 129.00 EUR."));

        @SuppressWarnings("unchecked")
        Map<String, Object> totals = out.getProperty(OrchestrateConstants.METRICS_PROPERTY, Map.class);
        assertThat((Double) totals.get("budgetUtilization")).isCloseTo(360.0 / 10_000, within(1e-12));
    }
}
