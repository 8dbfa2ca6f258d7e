package io.camelorchestration.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.camelorchestration.component.langchain4j.OrchestrationChatModelListener;
import io.camelorchestration.example.server.ChatServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model's own usage reaches the step when camel-langchain4j-chat calls the model on another thread than the
 * step's: after {@code threads()}, and behind an asynchronous delegate ({@code seda:}). The provider's figures count
 * the chat framing, which a tokenizer estimate does not, so a step that fell back to counting would show other
 * numbers.
 */
class Langchain4jOtherThreadTest extends ChatServerTestSupport {

    private final Set<String> modelThreads = ConcurrentHashMap.newKeySet();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        ChatModelListener threads = new ChatModelListener() {
            @Override
            public void onResponse(ChatModelResponseContext responseContext) {
                modelThreads.add(Thread.currentThread().getName());
            }
        };
        ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("not-needed-offline")
                .modelName("gpt-4o").temperature(0.0).maxRetries(0)
                .listeners(List.of(new OrchestrationChatModelListener(), threads)).build();
        context.getRegistry().bind("gpt4o", model);
        orchestrate(context).setRoutingEnabled(false);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reply").routeId("reply")
                        .to("orchestrate:reply?intent=generate&delegate=direct:model");
                from("direct:model").routeId("model")
                        .threads(4).threadName("model-call")
                        .to("langchain4j-chat:reply?chatModel=#gpt4o");

                from("direct:queued").routeId("queued")
                        .to("orchestrate:queued?intent=generate&delegate=seda:model");
                from("seda:model?concurrentConsumers=2").routeId("seda-model")
                        .to("langchain4j-chat:queued?chatModel=#gpt4o");
            }
        };
    }

    @Test
    void afterThreadsTheStepCountsTheModelsOwnUsage() {
        Exchange out = template.request("direct:reply", e -> e.getMessage().setBody(
                "Write a short welcome note for a colleague who joins the support team on Monday."));

        assertThat(out.getException()).isNull();
        assertThat(modelThreads).as("the model was called on the threads() pool").singleElement().asString()
                .contains("model-call");
        ChatServer.Completion call = last();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class))
                .isEqualTo(call.promptTokens() + call.completionTokens());
        assertThat(meters.get("orchestration.tokens.used").tag("step", "reply").tag("type", "input").counter().count())
                .isEqualTo(call.promptTokens());
    }

    @Test
    void behindAnAsynchronousDelegateTheStepCountsTheModelsOwnUsage() {
        Exchange out = template.request("direct:queued", e -> e.getMessage().setBody(
                "Write two sentences that thank a customer for reporting a bug in the invoice export."));

        assertThat(out.getException()).isNull();
        assertThat(modelThreads).singleElement().asString().doesNotContain(Thread.currentThread().getName())
                .contains("seda");
        ChatServer.Completion call = last();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class))
                .isEqualTo(call.promptTokens() + call.completionTokens());
    }

    @Test
    void concurrentStepsEachGetTheirOwnModelsUsage() {
        int before = server.completions().size();
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            // prompts of different lengths: each call's usage is its own figure
            String prompt = "Write a reply to ticket " + i + " about the late delivery" + " of the spare parts".repeat(i) + ".";
            String route = i % 2 == 0 ? "direct:reply" : "direct:queued";
            calls.add(CompletableFuture.supplyAsync(() -> template.request(route, e -> e.getMessage().setBody(prompt))));
        }
        List<Long> stepTokens = calls.stream().map(CompletableFuture::join)
                .map(e -> e.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).toList();

        List<ChatServer.Completion> all = server.completions();
        List<Long> served = all.subList(before, all.size()).stream()
                .map(c -> c.promptTokens() + c.completionTokens()).toList();
        assertThat(served).hasSize(12);
        assertThat(stepTokens).containsExactlyInAnyOrderElementsOf(served);
    }

    private static ChatServer.Completion last() {
        List<ChatServer.Completion> all = server.completions();
        return all.get(all.size() - 1);
    }
}
