package io.camelorchestration.component.langchain4j;

import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.compress.langchain4j.ChatMessageCompressor;
import io.camelorchestration.engine.BodyCompression;

/**
 * A body that is a langchain4j conversation (camel-langchain4j-chat's {@code CHAT_MULTIPLE_MESSAGES}): its user
 * text is what the pipeline classifies and counts; compression rewrites user messages only, never system messages.
 * Only loaded when langchain4j is on the classpath.
 */
public final class ChatMessagesBody implements BodyCompression {

    private final List<ChatMessage> messages;
    private volatile List<ChatMessage> compressed;

    private ChatMessagesBody(List<ChatMessage> messages) {
        this.messages = messages;
    }

    /** @return the conversation, or null when the body is not a non-empty list of chat messages */
    @SuppressWarnings("unchecked")
    public static ChatMessagesBody of(Object body) {
        if (body instanceof List<?> list && !list.isEmpty()) {
            for (Object o : list) {
                if (!(o instanceof ChatMessage)) {
                    return null;
                }
            }
            return new ChatMessagesBody((List<ChatMessage>) list);
        }
        return null;
    }

    /** The user text of the conversation, in order, as the pipeline reads it. */
    public String text() {
        return userText(messages);
    }

    @Override
    public CompressionResult compress(Compressor compressor, CompressionRequest request) {
        ChatMessageCompressor.Result r = new ChatMessageCompressor(compressor).compress(messages, request.level(),
                request.intent(), request.instruction(), request.encoding(), request.protectSpans());
        if (!r.applied()) {
            return CompressionResult.unchanged(request.text(), r.tokensBefore());
        }
        compressed = r.messages();
        return new CompressionResult(userText(compressed), r.tokensBefore(), r.tokensAfter(), List.of("chat-messages"));
    }

    /** The compressed conversation, or null when compression changed nothing. */
    public List<ChatMessage> compressedMessages() {
        return compressed;
    }

    private static String userText(List<ChatMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            if (m instanceof UserMessage user) {
                for (var content : user.contents()) {
                    if (content instanceof TextContent t) {
                        if (sb.length() > 0) {
                            sb.append("\n\n");
                        }
                        sb.append(t.text());
                    }
                }
            }
        }
        return sb.toString();
    }
}
