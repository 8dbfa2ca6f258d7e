package io.camelorchestration.compression.langchain4j;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import io.camelorchestration.compression.CompressionLevel;
import io.camelorchestration.compression.CompressionPipeline;
import io.camelorchestration.compression.CompressionRequest;
import io.camelorchestration.compression.CompressionResult;
import io.camelorchestration.compression.Compressor;
import io.camelorchestration.intent.Intent;

/**
 * Compresses a langchain4j conversation: the text of each {@link UserMessage} goes through the compressor (its
 * other contents, images and the like, its name and attributes stay); system, AI and tool messages are returned as
 * they are. The input list is not changed. Needs langchain4j-core on the class path (an optional dependency).
 */
public final class ChatMessageCompressor {

    /** The new conversation and the tokens of the compressed texts before and after. */
    public record Result(List<ChatMessage> messages, int tokensBefore, int tokensAfter) {

        public int tokensSaved() {
            return Math.max(0, tokensBefore - tokensAfter);
        }

        public boolean applied() {
            return tokensAfter < tokensBefore;
        }
    }

    private final Compressor compressor;

    public ChatMessageCompressor(Compressor compressor) {
        this.compressor = compressor;
    }

    public ChatMessageCompressor() {
        this(CompressionPipeline.defaults());
    }

    /**
     * @param instruction the step's question or description, for question-aware selection; may be null
     * @param encoding    the model's tokenizer encoding; null for cl100k_base
     */
    public Result compress(List<? extends ChatMessage> messages, CompressionLevel level, Intent intent,
            String instruction, String encoding, boolean protectSpans) {
        List<ChatMessage> out = new ArrayList<>(messages.size());
        int before = 0;
        int after = 0;
        for (ChatMessage message : messages) {
            if (!(message instanceof UserMessage user)) {
                out.add(message);
                continue;
            }
            List<Content> contents = new ArrayList<>(user.contents().size());
            boolean changed = false;
            for (Content content : user.contents()) {
                if (content instanceof TextContent text) {
                    CompressionResult r = compressor.compress(new CompressionRequest(text.text(), level, intent,
                            instruction, encoding, protectSpans));
                    before += r.tokensBefore();
                    after += r.tokensAfter();
                    if (r.applied()) {
                        contents.add(TextContent.from(r.text()));
                        changed = true;
                        continue;
                    }
                }
                contents.add(content);
            }
            out.add(changed ? user.toBuilder().contents(contents).build() : user);
        }
        return new Result(List.copyOf(out), before, after);
    }
}
