package io.camelorchestration.component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the provider bills: cached input at the cached price, cache writes at theirs, reasoning as output, priced from
 * LiteLLM's own price map as a user drops it in.
 */
class BillableUsageTest extends OrchestrateTestSupport {

    static final String DOCUMENT = "The supplier confirmed the delivery of 40 pallets for 12 March. ".repeat(40);

    final FakeLlm gpt = fakeLlm("direct:gpt").answers("""
            {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Delivery confirmed."}}],
             "usage":{"prompt_tokens":1000,"completion_tokens":100,"total_tokens":1100,
                      "prompt_tokens_details":{"cached_tokens":800},
                      "completion_tokens_details":{"reasoning_tokens":0}}}""");
    final FakeLlm claude = fakeLlm("direct:claude").answers("""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"text","text":"Delivery confirmed."}],
             "usage":{"input_tokens":150,"cache_read_input_tokens":800,
                      "cache_creation_input_tokens":50,"output_tokens":100}}""");
    final FakeLlm o3 = fakeLlm("direct:o3").answers("Delivery confirmed.").usage(1000, 500)
            .replyHeader(OrchestrateConstants.USAGE_CACHED_INPUT_TOKENS, call -> 600L)
            .replyHeader(OrchestrateConstants.USAGE_REASONING_TOKENS, call -> "400");

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setModels("classpath:catalog/litellm/model_prices_and_context_window.json");
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setAuditSink(audit::add);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:openai").routeId("openai")
                        .to("orchestrate:draft?intent=generate&delegate=direct:gpt");
                from("direct:anthropic").routeId("anthropic")
                        .to("orchestrate:draft-claude?intent=generate&model=claude-sonnet-4-5&delegate=direct:claude");
                from("direct:headers").routeId("headers")
                        .to("orchestrate:draft-o?intent=generate&model=o3-mini&delegate=direct:o3");
            }
        };
    }

    @Test
    void openAiCachedTokensAreBilledAtTheCachedPrice() {
        Exchange out = template.request("direct:openai", e -> e.getMessage().setBody(DOCUMENT));

        double billed = usd("200", "2.5e-6", "800", "1.25e-6", "100", "1e-5");
        assertThat(out.getException()).isNull();
        assertThat(totals(out).get("totalCost")).isEqualTo(billed);
        assertThat(meters.get("orchestration.cost").tag("model", "gpt-4o").counter().count()).isEqualTo(billed);
        assertThat(meters.get("gen_ai.client.inference.usage.detailed.cache_read.input_tokens")
                .tag("gen_ai.request.model", "gpt-4o").counter().count()).isEqualTo(800);
        assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.request.model", "gpt-4o")
                .tag("gen_ai.token.type", "input").counter().count()).isEqualTo(1000);
        assertThat(stepCost("draft")).isEqualTo(billed);
    }

    @Test
    void anthropicCacheReadsAndWritesComeBesideItsInputCount() {
        Exchange out = template.request("direct:anthropic", e -> e.getMessage().setBody(DOCUMENT));

        double billed = usd("150", "3e-6", "800", "3e-7", "50", "3.75e-6", "100", "1.5e-5");
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isEqualTo(1100L);
        assertThat(totals(out).get("totalCost")).isEqualTo(billed);
        assertThat(meters.get("orchestration.cost").tag("model", "claude-sonnet-4-5").counter().count())
                .isEqualTo(billed);
        assertThat(meters.get("gen_ai.client.inference.usage.detailed.cache_write.input_tokens")
                .tag("gen_ai.request.model", "claude-sonnet-4-5").counter().count()).isEqualTo(50);
        assertThat(stepCost("draft-claude")).isEqualTo(billed);
    }

    @Test
    void genericHeadersCarryCachedAndReasoningTokens() {
        Exchange out = template.request("direct:headers", e -> e.getMessage().setBody(DOCUMENT));

        // o3-mini in that map: 1.1e-6 input, 5.5e-7 cached, 4.4e-6 output; reasoning is billed inside the output
        double billed = usd("400", "1.1e-6", "600", "5.5e-7", "500", "4.4e-6");
        assertThat(totals(out).get("totalCost")).isEqualTo(billed);
        assertThat(meters.get("gen_ai.client.inference.usage.detailed.reasoning.output_tokens")
                .tag("gen_ai.request.model", "o3-mini").counter().count()).isEqualTo(400);
    }

    /** Pairs of token count and price per token, summed in decimal as the invoice is. */
    static double usd(String... countAndPrice) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < countAndPrice.length; i += 2) {
            sum = sum.add(new BigDecimal(countAndPrice[i]).multiply(new BigDecimal(countAndPrice[i + 1])));
        }
        return sum.doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> totals(Exchange out) {
        return out.getProperty(OrchestrateConstants.METRICS_PROPERTY, Map.class);
    }

    private double stepCost(String step) {
        await().until(() -> audit.stream().anyMatch(e -> step.equals(e.entityId())
                && e.action() == AuditAction.ORCHESTRATION_STEP_EXECUTED));
        AuditEvent e = audit.stream().filter(x -> step.equals(x.entityId())
                && x.action() == AuditAction.ORCHESTRATION_STEP_EXECUTED).findFirst().orElseThrow();
        return ((Number) e.details().get("cost")).doubleValue();
    }
}
