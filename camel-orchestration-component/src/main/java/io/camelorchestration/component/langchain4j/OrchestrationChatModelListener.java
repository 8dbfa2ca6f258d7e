package io.camelorchestration.component.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Reports the token usage of a langchain4j chat model to the orchestrated step that called it, for
 * camel-langchain4j-chat versions that set no token headers (4.17 and earlier). Register it on the model bean:
 *
 * <pre>
 * OpenAiChatModel.builder()
 *         .modelName("gpt-4o")
 *         .listeners(List.of(new OrchestrationChatModelListener()))
 *         .build();
 * </pre>
 *
 * Outside an orchestrated step (orchestration disabled, or the model used elsewhere) it does nothing.
 */
public final class OrchestrationChatModelListener implements ChatModelListener {

    @Override
    public void onResponse(ChatModelResponseContext context) {
        TokenUsage usage = context.chatResponse() == null ? null : context.chatResponse().tokenUsage();
        if (usage == null || usage.inputTokenCount() == null && usage.outputTokenCount() == null) {
            return;
        }
        long in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        TokenUsageDetails d = TokenUsageDetails.of(usage);
        // Anthropic counts cache reads and writes beside its input, OpenAI inside it: input here is all of it
        UsageCapture.record(in + d.inputBeside(), out, d.cachedInput(), d.cacheWriteInput(), d.reasoning());
    }
}
