package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * When a cheaper model's answer fails the intent's check, the step runs again on the original model; when the
 * pipeline itself breaks, the original message goes to the original delegate.
 */
class CascadeAndFallbackTest extends OrchestrateTestSupport {

    volatile boolean classifierBroken;
    // the small model answers in prose, which an extract step cannot use; the original model answers JSON
    {
        llm.answers(call -> call.model() == null || call.model().equals("gpt-4o")
                ? "{\"invoice\":\"INV-7\",\"total\":\"1200.00\"}"
                : "The invoice number is INV-7.");
    }
    // as some clients do: the request quoted in the error
    final FakeLlm vendor = fakeLlm("direct:vendor").answers("no")
            .failsWhen(call -> call.model() != null || call.text().contains("always fails"),
                    call -> new IllegalStateException("model not available: " + call.model() + " for '" + call.text() + "'"));

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setAuditSink(audit::add);
        IntentClassifier keywords = new io.camelorchestration.classify.KeywordIntentClassifier();
        orchestrate.setClassifier(step -> {
            if (classifierBroken) {
                throw new IllegalStateException("classifier down");
            }
            return keywords.classify(step);
        });
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:extract").routeId("extraction")
                        .to("orchestrate:invoiceFields?intent=extract&delegate=direct:llm");
                from("direct:auto").routeId("auto")
                        .to("orchestrate:invoiceFields2?description=extract the invoice number and total&delegate=direct:llm");
                from("direct:flaky").routeId("flaky")
                        .to("orchestrate:classify?intent=conditional&delegate=direct:vendor");
            }
        };
    }

    /** What each call of a fake was asked: model:text. */
    static List<String> calls(FakeLlm fake) {
        return fake.received().stream().map(call -> call.model() + ":" + call.text()).toList();
    }

    @Test
    void failedCheckOnARoutedModelReRunsOnTheOriginalModel() {
        Exchange out = template.request("direct:extract", e -> e.getMessage().setBody("Invoice INV-7, total EUR 1200.00"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(String.class)).startsWith("{\"invoice\"");
        assertThat(calls(llm)).hasSize(2);
        assertThat(calls(llm).get(0)).doesNotStartWith("gpt-4o:").doesNotStartWith("null:");
        assertThat(calls(llm).get(1)).isEqualTo("null:Invoice INV-7, total EUR 1200.00");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.MODEL)).isEqualTo("gpt-4o");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .contains("output check failed").contains("not JSON");
        // both calls are counted and costed
        long first = new io.camelorchestration.text.TokenCounter().count("The invoice number is INV-7.", "o200k_base");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isGreaterThan(2 * first);
        assertThat(meters.get("orchestration.steps").tag("outcome", "fallback").counter().count()).isEqualTo(1.0);
        // each call is metered under the model that made it
        List<String> calls = calls(llm);
        String routed = calls.get(0).substring(0, calls.get(0).indexOf(':'));
        double onRouted = meters.find("orchestration.tokens.used").tag("model", routed).counters().stream()
                .mapToDouble(c -> c.count()).sum();
        double onOriginal = meters.find("orchestration.tokens.used").tag("model", "gpt-4o").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertThat(onRouted).isPositive();
        assertThat(onOriginal).isPositive();
        assertThat((long) (onRouted + onOriginal)).isEqualTo(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class));
        await().untilAsserted(() -> assertThat(audit).extracting(AuditEvent::action)
                .contains(AuditAction.ORCHESTRATION_STEP_FAILED));
    }

    @Test
    void aRoutedCallThatFailsIsRetriedOnTheOriginalPath() {
        Exchange out = template.request("direct:flaky", e -> e.getMessage().setBody("Is the printer on fire?"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody()).isEqualTo("no");
        assertThat(calls(vendor)).hasSize(2).last().isEqualTo("null:Is the printer on fire?");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .contains("call failed on").contains("(java.lang.IllegalStateException)")
                .as("the exception's message is not copied").doesNotContain("model not available").doesNotContain("printer");
        await().untilAsserted(() -> assertThat(audit).filteredOn(a -> a.action() == AuditAction.ORCHESTRATION_STEP_FAILED)
                .singleElement().satisfies(a -> assertThat(a.toJson()).contains("IllegalStateException")
                        .doesNotContain("printer")));
    }

    @Test
    void whenTheOriginalPathFailsTooTheDelegatesExceptionStands() {
        Exchange out = template.request("direct:flaky", e -> e.getMessage().setBody("This always fails."));

        assertThat(out.getException()).isInstanceOf(IllegalStateException.class).hasMessageContaining("model not available: null");
        assertThat(calls(vendor)).hasSize(2);
        assertThat(meters.get("orchestration.steps").tag("outcome", "failed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void brokenClassifierSendsTheOriginalMessageDownTheOriginalPath() {
        classifierBroken = true;

        Exchange out = template.request("direct:auto", e -> e.getMessage().setBody("Invoice INV-7, total EUR 1200.00"));

        assertThat(out.getException()).isNull();
        assertThat(calls(llm)).containsExactly("null:Invoice INV-7, total EUR 1200.00");
        assertThat(out.getMessage().getBody(String.class)).startsWith("{\"invoice\"");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .isEqualTo("orchestration failed before the call (java.lang.IllegalStateException)");
        assertThat(meters.get("orchestration.steps").tag("outcome", "fallback").counter().count()).isEqualTo(1.0);
        await().untilAsserted(() -> assertThat(audit).filteredOn(a -> a.action() == AuditAction.ORCHESTRATION_STEP_FAILED)
                .singleElement().satisfies(a -> assertThat(a.details()).containsEntry("fallback", "original path")));
    }

    @Test
    void autoClassifiesFromTheDescription() {
        Exchange out = template.request("direct:auto", e -> e.getMessage().setBody("Invoice INV-7, total EUR 1200.00"));

        assertThat(out.getMessage().getHeader(OrchestrateConstants.INTENT)).isEqualTo("extract");
    }
}
