package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.catalog.ModelCatalogLoader;
import io.camelorchestration.example.server.ChatServer;
import io.camelorchestration.internal.Json;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-compatible endpoint called with plain camel-http and a JSON chat request: routing reaches the model
 * through the request body ({@code model}, {@code max_tokens}), the usage comes from the response's {@code usage}.
 */
class OpenAiHttpDelegateTest extends ChatServerTestSupport {

    private static final ObjectMapper JSON = Json.MAPPER;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:summarize").routeId("digest")
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .to("orchestrate:summarize?intent=summarize&delegate=RAW(" + server.baseUrl() + "/chat/completions)")
                        .setProperty("answer", body());
            }
        };
    }

    private static String request(String model, int maxTokens) throws IOException {
        ObjectNode req = JSON.createObjectNode().put("model", model).put("max_tokens", maxTokens);
        req.putArray("messages")
                .add(JSON.createObjectNode().put("role", "system").put("content", "Summarize the article in a few sentences."))
                .add(JSON.createObjectNode().put("role", "user").put("content", Langchain4jDelegateTest.document()));
        return JSON.writeValueAsString(req);
    }

    @Test
    void routingWritesTheModelAndTheOutputCapIntoTheRequest() throws Exception {
        Exchange out = template.request("direct:summarize", e -> e.getMessage().setBody(request("gpt-4o", 4000)));

        assertThat(out.getException()).isNull();
        String routed = out.getMessage().getHeader(OrchestrateConstants.MODEL, String.class);
        ChatServer.Completion call = last();
        // the cheapest small routing candidate of the default model's vendor in the built-in catalog, as the server saw it
        String cheapest = io.camelorchestration.route.RoutingCandidates.of(ModelCatalogLoader.builtIn()).models().stream()
                .filter(m -> m.provider().equals("openai") && m.tier().name().equals("SMALL"))
                .min((a, b) -> Double.compare(a.inputUsdPerMillion(), b.inputUsdPerMillion())).orElseThrow().name();
        assertThat(routed).isEqualTo(cheapest).isNotEqualTo("gpt-4o");
        assertThat(call.model()).isEqualTo(routed);
        // the summarize intent's output cap is below the 4000 the caller asked for
        assertThat(call.maxTokens()).isPositive().isLessThan(4000);
        assertThat(call.task()).isEqualTo("summary");

        // usage from the response's usage object, and the response is still there for the rest of the route
        JsonNode answer = JSON.readTree(out.getProperty("answer", String.class));
        long reported = answer.path("usage").path("total_tokens").asLong();
        assertThat(reported).isEqualTo(call.promptTokens() + call.completionTokens());
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isEqualTo(reported);
        assertThat(answer.at("/choices/0/message/content").asText()).isNotBlank();
        assertThat(meters.get("orchestration.tokens.used").tag("model", routed).tag("type", "input").counter().count())
                .isEqualTo(call.promptTokens());
    }

    @Test
    void aSmallerCapOfTheCallerIsKept() throws Exception {
        template.request("direct:summarize", e -> e.getMessage().setBody(request("gpt-4o", 20)));

        assertThat(last().maxTokens()).isEqualTo(20);
        assertThat(last().finishReason()).isEqualTo("length");
    }

    @Test
    void withoutRoutingTheRequestGoesOutAsWritten() throws Exception {
        context.getComponent("orchestrate", OrchestrateComponent.class).setRoutingEnabled(false);

        Exchange out = template.request("direct:summarize", e -> e.getMessage().setBody(request("gpt-4o", 4000)));

        assertThat(last().model()).isEqualTo("gpt-4o");
        assertThat(last().maxTokens()).isEqualTo(4000);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class))
                .isEqualTo(last().promptTokens() + last().completionTokens());
    }

    private static ChatServer.Completion last() {
        List<ChatServer.Completion> all = server.completions();
        return all.get(all.size() - 1);
    }
}
