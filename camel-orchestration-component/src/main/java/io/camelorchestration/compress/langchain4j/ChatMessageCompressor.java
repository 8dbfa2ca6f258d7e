package io.camelorchestration.compress.langchain4j;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;

/**
 * Compresses a langchain4j conversation: the text of each {@link UserMessage} goes through the compressor (its
 * other contents, images and the like, its name and attributes stay); system, AI and tool messages are returned as
 * they are. With several user turns the last one is taken as the question: it is only cleaned up, and it is the
 * instruction the earlier turns are selected for when none is given. The input list is not changed. Needs langchain4j-core on the class path (an optional dependency).
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
        int question = lastUserTurnOfSeveral(messages);
        String contextInstruction = instruction != null || question < 0 ? instruction
                : textOf((UserMessage) messages.get(question));
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (!(message instanceof UserMessage user)) {
                out.add(message);
                continue;
            }
            CompressionLevel turnLevel = i == question && level != CompressionLevel.OFF ? CompressionLevel.LIGHT : level;
            List<Content> contents = new ArrayList<>(user.contents().size());
            boolean changed = false;
            for (Content content : user.contents()) {
                if (content instanceof TextContent text) {
                    CompressionResult r = compressor.compress(new CompressionRequest(text.text(), turnLevel, intent,
                            contextInstruction, encoding, protectSpans));
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

    /**
     * With several user turns, the last is the question: it is only cleaned up (never cut down to a selection) and,
     * when the step gives no instruction, it is the instruction the earlier turns are selected for. -1 otherwise.
     */
    private static int lastUserTurnOfSeveral(List<? extends ChatMessage> messages) {
        int last = -1;
        int users = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof UserMessage) {
                last = i;
                users++;
            }
        }
        return users > 1 ? last : -1;
    }

    private static String textOf(UserMessage message) {
        StringBuilder sb = new StringBuilder();
        for (Content c : message.contents()) {
            if (c instanceof TextContent t) {
                sb.append(t.text()).append('\n');
            }
        }
        return sb.toString();
    }
}
