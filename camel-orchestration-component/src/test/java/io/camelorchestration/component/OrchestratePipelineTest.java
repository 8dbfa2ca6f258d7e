package io.camelorchestration.component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route with one orchestrated summarize step around a route of the user's that plays the LLM.
 */
class OrchestratePipelineTest extends CamelTestSupport {

    static final String LONG_TEXT = ("The quarterly report   was filed on 12 March 2024 by the finance team.\n\n\n\n"
            + "   Revenue grew by 14 percent to 3.2 million dollars,    driven by the new contracts.   \n").repeat(20);

    final MeterRegistry meters = new SimpleMeterRegistry();
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final List<String> delegateSaw = new CopyOnWriteArrayList<>();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meters", meters);
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setCompressionEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setAuditSink(audit::add);
        context.addComponent("orchestrate", orchestrate);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ticket").routeId("tickets")
                        .to("orchestrate:summarize?intent=summarize&delegate=direct:llm");
                from("direct:llm").routeId("llm")
                        .process(e -> {
                            delegateSaw.add(e.getMessage().getBody(String.class) + "|model="
                                    + e.getMessage().getHeader(OrchestrateConstants.MODEL));
                            e.getMessage().setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, 100);
                            e.getMessage().setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, 20);
                            e.getMessage().setBody("Revenue grew 14 percent.");
                        });
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
        assertThat(delegateSaw).hasSize(1);
        assertThat(delegateSaw.get(0)).doesNotContain("\n\n\n").contains("|model=gpt-");
        assertThat(delegateSaw.get(0).length()).isLessThan(LONG_TEXT.length());

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
        context.getComponent("orchestrate", OrchestrateComponent.class).setEnabled(false);

        Exchange out = template.request("direct:ticket", e -> e.getMessage().setBody(LONG_TEXT));

        assertThat(delegateSaw).containsExactly(LONG_TEXT + "|model=null");
        assertThat(out.getMessage().getHeaders()).doesNotContainKeys(OrchestrateConstants.ORCHESTRATED,
                OrchestrateConstants.TOKENS_USED);
        assertThat(out.getProperties()).doesNotContainKey(OrchestrateConstants.METRICS_PROPERTY);
        assertThat(meters.find("orchestration.steps").meters()).isEmpty();
        assertThat(meters.find("orchestration.tokens.used").meters()).isEmpty();
        assertThat(audit).isEmpty();
    }
}
