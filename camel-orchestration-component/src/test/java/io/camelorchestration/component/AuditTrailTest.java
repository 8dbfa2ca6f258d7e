package io.camelorchestration.component;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.internal.Json;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Audit events go as JSON to the audit-uri endpoint, without prompt or response text; a broken sink is counted and
 * never felt by the exchange.
 */
class AuditTrailTest extends OrchestrateTestSupport {

    static final String SECRET = "Patient John Q. Example, SSN-LIKE-MARKER-4711, reports chest pain.";

    {
        llm.answers("Summary: " + SECRET);
    }


    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setDefaultModel("claude-3-haiku-20240307");
        orchestrate.setAuditUri("seda:audit");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:triage").routeId("triage-route")
                        .to("orchestrate:summarize?intent=summarize&delegate=direct:llm");
                from("seda:audit").routeId("audit-sink").to("mock:audit");
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventsAreJsonAsTheContractShowsThem() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:audit");
        mock.expectedMessageCount(3);

        Exchange out = template.request("direct:triage", e -> {
            e.getMessage().setHeader(OrchestrateConstants.USER_ID, "u-17");
            e.getMessage().setBody(SECRET.repeat(30));
        });

        mock.assertIsSatisfied();
        ObjectMapper json = Json.MAPPER;
        List<Map<String, Object>> events = mock.getExchanges().stream()
                .map(e -> readJson(json, e.getMessage().getBody(String.class))).toList();
        assertThat(events).extracting(e -> e.get("action")).containsExactly("ORCHESTRATION_INITIALIZED",
                "ORCHESTRATION_STEP_EXECUTED", "ORCHESTRATION_COMPLETED");
        Map<String, Object> step = events.get(1);
        assertThat(step.keySet()).containsExactly("timestamp", "action", "entityType", "entityId", "executionId",
                "routeId", "userId", "severity", "details");
        assertThat(step.get("entityType")).isEqualTo("workflow_step");
        assertThat(step.get("entityId")).isEqualTo("summarize");
        assertThat(step.get("executionId")).isEqualTo(out.getExchangeId());
        assertThat(step.get("routeId")).isEqualTo("triage-route");
        assertThat(step.get("userId")).isEqualTo("u-17");
        assertThat(step.get("severity")).isEqualTo("info");
        assertThat((Map<String, Object>) step.get("details")).containsKeys("intent", "tokensUsed", "tokensBudgeted", "cost",
                "compressionApplied", "tokensSaved", "model");
        for (var e : mock.getExchanges()) {
            assertThat(e.getMessage().getBody(String.class)).doesNotContain("MARKER-4711").doesNotContain("chest pain");
        }
    }

    @Test
    void aBrokenSinkIsCountedAndNeverFailsTheExchange() throws Exception {
        context.getRouteController().stopRoute("audit-sink");
        context.getEndpoint("seda:audit", org.apache.camel.component.seda.SedaEndpoint.class).setSize(1);
        context.getEndpoint("seda:audit", org.apache.camel.component.seda.SedaEndpoint.class).setFailIfNoConsumers(true);

        for (int i = 0; i < 20; i++) {
            Exchange out = template.request("direct:triage", e -> e.getMessage().setBody(SECRET));
            assertThat(out.getException()).isNull();
            assertThat(out.getMessage().getBody(String.class)).startsWith("Summary:");
        }

        OrchestrateComponent c = context.getComponent("orchestrate", OrchestrateComponent.class);
        await().untilAsserted(() -> assertThat(c.getAuditFailures()).isEqualTo(60));
        assertThat(meters.get("orchestration.audit.failures").counter().count()).isEqualTo(60.0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(ObjectMapper json, String s) {
        try {
            return json.readValue(s, Map.class);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
