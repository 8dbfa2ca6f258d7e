package io.camelorchestration.component;

import java.util.Map;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route with one orchestrated summarize step around a route of the user's that plays the LLM.
 */
class OrchestratePipelineTest extends OrchestrateTestSupport {

    static final String LONG_TEXT = ("The quarterly report   was filed on 12 March 2024 by the finance team.\n\n\n\n"
            + "   Revenue grew by 14 percent to 3.2 million dollars,    driven by the new contracts.   \n").repeat(20);

    {
        llm.answers("Revenue grew 14 percent.").usage(100, 20);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setAuditSink(audit::add);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ticket").routeId("tickets")
                        .to("orchestrate:summarize?intent=summarize&delegate=direct:llm");
            }
        };
    }

    @Test
    void summarizeStepIsCompressedRoutedAndRecorded() {
        Exchange out = template.request("direct:ticket", e -> e.getMessage().setBody(LONG_TEXT));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(String.class)).isEqualTo("Revenue grew 14 percent.");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.INTENT)).isEqualTo("summarize");
        // summarize needs a small model; gpt-4o is large, so the step is routed to the cheapest small OpenAI model
        assertThat(out.getMessage().getHeader(OrchestrateConstants.MODEL, String.class)).isNotEqualTo("gpt-4o");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isEqualTo(120L);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isTrue();
        long saved = out.getMessage().getHeader(OrchestrateConstants.TOKENS_SAVED, Long.class);
        assertThat(saved).isPositive();

        // the delegate got a shorter text and the routed model
        assertThat(llm.received()).singleElement().satisfies(call -> {
            assertThat(call.text()).doesNotContain("\n\n\n").hasSizeLessThan(LONG_TEXT.length());
            assertThat(call.model()).startsWith("gpt-");
        });

        @SuppressWarnings("unchecked")
        Map<String, Object> totals = out.getProperty(OrchestrateConstants.METRICS_PROPERTY, Map.class);
        assertThat(totals).containsEntry("totalTokensUsed", 120L).containsEntry("totalTokensSaved", saved)
                .containsEntry("stepsOrchestrated", 1L).containsEntry("stepsFallenBack", 0L)
                .containsKeys("savingsPercent", "totalCost", "budgetUtilization");
        assertThat((Double) totals.get("totalCost")).isPositive();

        assertThat(meters.get("orchestration.tokens.used").tag("route", "tickets").tag("step", "summarize")
                .tag("intent", "summarize").tag("type", "input").counter().count()).isEqualTo(100.0);
        assertThat(meters.get("orchestration.tokens.used").tag("type", "output").counter().count()).isEqualTo(20.0);
        assertThat(meters.get("orchestration.tokens.saved").counter().count()).isEqualTo(saved);
        assertThat(meters.get("orchestration.steps").tag("outcome", "orchestrated").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("orchestration.cost").counter().count()).isPositive();
        assertThat(meters.get("orchestration.overhead").timer().count()).isEqualTo(1);
        assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input")
                .tag("gen_ai.provider.name", "openai").counter().count()).isEqualTo(100.0);
        assertThat(meters.get("orchestration.budget.reserved").tag("route", "tickets").gauge().value()).isZero();

        await().untilAsserted(() -> assertThat(audit).extracting(AuditEvent::action).containsExactly(
                AuditAction.ORCHESTRATION_INITIALIZED, AuditAction.ORCHESTRATION_STEP_EXECUTED,
                AuditAction.ORCHESTRATION_COMPLETED));
        AuditEvent step = audit.get(1);
        assertThat(step.entityId()).isEqualTo("summarize");
        assertThat(step.executionId()).isEqualTo(out.getExchangeId());
        assertThat(step.routeId()).isEqualTo("tickets");
        assertThat(step.details()).containsEntry("tokensUsed", 120L).containsEntry("compressionApplied", true);
        assertThat(audit.get(2).details()).containsEntry("totalTokensUsed", 120L);
    }

    @Test
    void disabledComponentCallsTheDelegateWithTheMessageUntouched() {
        orchestrate().setEnabled(false);

        Exchange out = template.request("direct:ticket", e -> e.getMessage().setBody(LONG_TEXT));

        assertThat(llm.received()).singleElement().satisfies(call -> {
            assertThat(call.text()).isEqualTo(LONG_TEXT);
            assertThat(call.model()).isNull();
        });
        assertThat(out.getMessage().getHeaders()).doesNotContainKeys(OrchestrateConstants.ORCHESTRATED,
                OrchestrateConstants.TOKENS_USED);
        assertThat(out.getProperties()).doesNotContainKey(OrchestrateConstants.METRICS_PROPERTY);
        assertThat(meters.find("orchestration.steps").meters()).isEmpty();
        assertThat(meters.find("orchestration.tokens.used").meters()).isEmpty();
        assertThat(audit).isEmpty();
    }
}
