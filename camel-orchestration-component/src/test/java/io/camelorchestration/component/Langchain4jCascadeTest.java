package io.camelorchestration.component;

import java.util.List;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.camelorchestration.component.langchain4j.OrchestrationChatModelListener;
import io.camelorchestration.example.server.ChatServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cheaper model bean answers badly (its output cap cuts the JSON short): the step re-runs on the original model
 * bean, and both calls are counted from the models' own usage reports.
 */
class Langchain4jCascadeTest extends ChatServerTestSupport {


    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("gpt4o", OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("x")
                .modelName("gpt-4o").maxRetries(0).listeners(List.of(new OrchestrationChatModelListener())).build());
        context.getRegistry().bind("gpt4oMini", OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("x")
                .modelName("gpt-4o-mini").maxTokens(8).maxRetries(0)
                .listeners(List.of(new OrchestrationChatModelListener())).build());
        OrchestrateComponent orchestrate = orchestrate(context);
        orchestrate.setModels("classpath:llm/langchain4j-models.json");
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:extract")
                        .to("orchestrate:extract?intent=extract&delegate=RAW(langchain4j-chat:extract?chatModel=#gpt4o)");
            }
        };
    }

    @Test
    void aFailedCheckOnTheCheapModelReRunsOnTheOriginalAndCountsBothCalls() throws Exception {
        Exchange out = template.request("direct:extract", e -> e.getMessage().setBody(
                "Extract the people of this article as JSON.\n\n" + Langchain4jDelegateTest.document()));

        List<ChatServer.Completion> calls = server.completions();
        assertThat(calls).extracting(ChatServer.Completion::model).containsExactly("gpt-4o-mini", "gpt-4o");
        assertThat(calls.get(0).finishReason()).isEqualTo("length");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class)).contains("gpt-4o-mini");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.MODEL)).isEqualTo("gpt-4o");
        long both = calls.stream().mapToLong(c -> c.promptTokens() + c.completionTokens()).sum();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isEqualTo(both);
        assertThat(meters.get("orchestration.steps").tag("outcome", "fallback").counter().count()).isEqualTo(1.0);
    }
}
