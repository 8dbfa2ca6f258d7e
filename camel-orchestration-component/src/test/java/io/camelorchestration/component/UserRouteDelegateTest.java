package io.camelorchestration.component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.example.server.ChatServer;
import io.camelorchestration.internal.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any route of yours as the delegate: it reads the model to use from {@code CamelOrchestrationModel} and reports what
 * it used in {@code CamelOrchestrationUsageInputTokens} / {@code CamelOrchestrationUsageOutputTokens}.
 */
class UserRouteDelegateTest extends ChatServerTestSupport {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:triage").routeId("triage")
                        .to("orchestrate:urgent?intent=conditional&delegate=direct:my-llm");

                // the user's own LLM route: whatever client it uses, it honours the model header and reports usage
                from("direct:my-llm").routeId("my-llm")
                        .process(UserRouteDelegateTest::callChatApi);
            }
        };
    }

    static void callChatApi(Exchange exchange) throws Exception {
        Message msg = exchange.getMessage();
        String model = msg.getHeader(OrchestrateConstants.MODEL, "gpt-4o", String.class);
        ObjectNode req = JSON.createObjectNode().put("model", model);
        req.putArray("messages").addObject().put("role", "user").put("content", msg.getBody(String.class));
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(res.body());
        msg.setBody(answer.at("/choices/0/message/content").asText());
        msg.setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, answer.at("/usage/prompt_tokens").asLong());
        msg.setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, answer.at("/usage/completion_tokens").asLong());
    }

    @Test
    void theRouteGetsTheRoutedModelAndItsUsageIsWhatTheStepCounts() throws Exception {
        Exchange out = template.request("direct:triage", e -> e.getMessage().setBody(
                "Is this urgent? Answer yes or no.\n\n" + Langchain4jDelegateTest.document()));

        assertThat(out.getException()).isNull();
        ChatServer.Completion call = last();
        assertThat(call.model()).isNotEqualTo("gpt-4o").isEqualTo(out.getMessage().getHeader(OrchestrateConstants.MODEL));
        assertThat(out.getMessage().getBody(String.class)).isIn("yes", "no");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class))
                .isEqualTo(call.promptTokens() + call.completionTokens());
        assertThat(meters.get("orchestration.tokens.used").tag("step", "urgent").tag("type", "output").counter().count())
                .isEqualTo(call.completionTokens());
    }

    @Test
    void disabledTheRouteSeesNoModelHeaderAndUsesItsOwnDefault() throws Exception {
        context.getComponent("orchestrate", OrchestrateComponent.class).setEnabled(false);

        template.request("direct:triage", e -> e.getMessage().setBody(
                "Is this urgent? Answer yes or no.\n\n" + Langchain4jDelegateTest.document()));

        assertThat(last().model()).isEqualTo("gpt-4o");
    }

    private static ChatServer.Completion last() {
        List<ChatServer.Completion> all = server.completions();
        return all.get(all.size() - 1);
    }
}
