package io.camelorchestration.component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.camelorchestration.component.langchain4j.OrchestrationChatModelListener;
import io.camelorchestration.example.server.ChatServer;
import io.camelorchestration.internal.Json;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * camel-langchain4j-chat as users write it: the model is a {@code chatModel} bean, the catalog maps each model name to
 * its bean, and the usage comes from {@link OrchestrationChatModelListener} on the bean (Camel 4.17 sets no token
 * headers). The model talks real HTTP to the embedded OpenAI-compatible server.
 */
class Langchain4jDelegateTest extends ChatServerTestSupport {

    private static final ObjectMapper JSON = Json.MAPPER;

    static ChatModel model(String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("not-needed-offline").modelName(name)
                .temperature(0.0).maxRetries(0).listeners(List.of(new OrchestrationChatModelListener())).build();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("gpt4o", model("gpt-4o"));
        context.getRegistry().bind("gpt4oMini", model("gpt-4o-mini"));
        OrchestrateComponent orchestrate = orchestrate(context);
        orchestrate.setCompressionEnabled(true);
        orchestrate.setModels("classpath:llm/langchain4j-models.json");
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:extract").routeId("intake")
                        .to("orchestrate:extract?intent=extract&delegate=RAW(langchain4j-chat:extract?chatModel=#gpt4o)");
                // a step that takes no chatModel lives beside them: the catalog's #bean delegates are not for it
                from("direct:send").routeId("outbox")
                        .to("orchestrate:send?intent=send&delegate=mock:outbox");
            }
        };
    }

    @Test
    void routedToTheCheaperModelBeanAndCountedFromTheModelsOwnUsage() throws Exception {
        Exchange out = template.request("direct:extract", e -> e.getMessage().setBody(
                "Extract the title, people, dates and amounts of this article as JSON.\n\n" + document()));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.MODEL)).isEqualTo("gpt-4o-mini");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        JsonNode fields = JSON.readTree(out.getMessage().getBody(String.class));
        assertThat(fields.path("people").toString()).contains("Durwood Pye");

        // the step's figures are the provider's usage report, which counts the chat framing too
        ChatServer.Completion call = lastCompletion();
        assertThat(call.model()).isEqualTo("gpt-4o-mini");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class))
                .isEqualTo(call.promptTokens() + call.completionTokens());
        assertThat(counter("input", "gpt-4o-mini")).isEqualTo(call.promptTokens());
        assertThat(counter("output", "gpt-4o-mini")).isEqualTo(call.completionTokens());
    }

    @Test
    void withoutRoutingTheStepKeepsItsOwnModelBean() throws Exception {
        context.getComponent("orchestrate", OrchestrateComponent.class).setRoutingEnabled(false);

        Exchange out = template.request("direct:extract", e -> e.getMessage().setBody(
                "Extract the people of this article as JSON.\n\n" + document()));

        assertThat(lastCompletion().model()).isEqualTo("gpt-4o");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.MODEL)).isEqualTo("gpt-4o");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class))
                .isEqualTo(lastCompletion().promptTokens() + lastCompletion().completionTokens());
    }

    @Test
    void disabledTheModelIsCalledAsIfTheComponentWereNotThere() throws Exception {
        context.getComponent("orchestrate", OrchestrateComponent.class).setEnabled(false);
        long before = server.requests();

        Exchange out = template.request("direct:extract", e -> e.getMessage().setBody(
                "Extract the dates of this article as JSON.\n\n" + document()));

        assertThat(server.requests()).isEqualTo(before + 1);
        assertThat(lastCompletion().model()).isEqualTo("gpt-4o");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED)).isNull();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED)).isNull();
        assertThat(meters.find("orchestration.tokens.used").counters()).isEmpty();
    }

    @Test
    void aStepThatCallsNoModelUsesNoTokens() throws Exception {
        Exchange out = template.request("direct:send", e -> e.getMessage().setBody(document()));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isZero();
        assertThat(meters.find("orchestration.tokens.used").tag("step", "send").counters()).isEmpty();
        assertThat(meters.get("orchestration.steps").tag("step", "send").tag("outcome", "bypassed").counter().count())
                .isEqualTo(1.0);
    }

    private double counter(String type, String model) {
        return meters.get("orchestration.tokens.used").tag("step", "extract").tag("type", type).tag("model", model)
                .counter().count();
    }

    private static ChatServer.Completion lastCompletion() {
        List<ChatServer.Completion> all = server.completions();
        return all.get(all.size() - 1);
    }

    static String document() throws IOException {
        try (InputStream in = Langchain4jDelegateTest.class.getResourceAsStream("/llm/ca01.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
