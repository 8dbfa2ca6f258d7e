package io.camelorchestration.compress.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.CompressionStrategy;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.internal.ChatRequestJson;
import io.camelorchestration.internal.ChatRequestText;

/**
 * Compresses an OpenAI-style chat request body ({@code {"model":..,"messages":[{"role":..,"content":..}]}}): the
 * text of user and tool messages goes through the prose compressor, as a string or as the {@code text} parts of a
 * content array; system, developer and assistant messages and every other field keep their values (numbers keep
 * their exact digits). The body comes back minified.
 */
public final class ChatRequestCompressor implements CompressionStrategy {

    private final Compressor content;

    /** @param content compresses the text of one message */
    public ChatRequestCompressor(Compressor content) {
        this.content = content;
    }

    @Override
    public String name() {
        return "chat-messages";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        // JSON as the prose strategies see it, and a chat request as routing sees it: one rule for each
        return request.level() != CompressionLevel.OFF && Shapes.looksLikeJson(request.text())
                && ChatRequestJson.looksLikeOne(request.text());
    }

    @Override
    public String apply(String text, CompressionRequest request) {
        ChatRequestText rewritten = rewrite(text, request);
        return rewritten == null ? text : rewritten.text();
    }

    /**
     * The request with its user and tool messages compressed, written with where its model and output cap stand
     * (for routing to set them without parsing it again); null when it is not a chat request or no message changed.
     */
    public ChatRequestText rewrite(String text, CompressionRequest request) {
        ObjectNode root = ChatRequestJson.parse(text);
        if (root == null) {
            return null;
        }
        JsonNode messages = root.get("messages");
        int question = lastUserTurnOfSeveral(messages);
        CompressionRequest context = question < 0 || request.instruction() != null ? request
                : new CompressionRequest(request.text(), request.level(), request.intent(),
                        textOf(messages.get(question)), request.encoding(), request.protectSpans());
        boolean changed = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!(m instanceof ObjectNode message) || !compressible(message.path("role").asText(""))) {
                continue;
            }
            CompressionRequest turn = i != question ? context
                    : new CompressionRequest(context.text(), CompressionLevel.LIGHT, context.intent(),
                            context.instruction(), context.encoding(), context.protectSpans());
            JsonNode c = message.get("content");
            if (c != null && c.isTextual()) {
                String compressed = compress(c.textValue(), turn);
                if (compressed != null) {
                    message.set("content", TextNode.valueOf(compressed));
                    changed = true;
                }
            } else if (c != null && c.isArray()) {
                for (JsonNode part : c) {
                    if (part instanceof ObjectNode p && "text".equals(p.path("type").asText())
                            && p.path("text").isTextual()) {
                        String compressed = compress(p.get("text").textValue(), turn);
                        if (compressed != null) {
                            p.set("text", TextNode.valueOf(compressed));
                            changed = true;
                        }
                    }
                }
            }
        }
        return changed ? ChatRequestJson.written(root, text.length()) : null;
    }

    /**
     * With several user turns, the last is the question: it is only cleaned up (never cut down to a selection) and,
     * when the step gives no instruction, it is the instruction the earlier turns are selected for. -1 otherwise.
     */
    private static int lastUserTurnOfSeveral(JsonNode messages) {
        int last = -1;
        int users = 0;
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                last = i;
                users++;
            }
        }
        return users > 1 ? last : -1;
    }

    private static String textOf(JsonNode message) {
        JsonNode c = message.get("content");
        if (c == null) {
            return null;
        }
        if (c.isTextual()) {
            return c.textValue();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : c) {
            if ("text".equals(part.path("type").asText())) {
                sb.append(part.path("text").asText()).append('\n');
            }
        }
        return sb.toString();
    }

    /** System and developer prompts are the step's own instructions; assistant turns are what the model said. */
    private static boolean compressible(String role) {
        return "user".equals(role) || "tool".equals(role);
    }

    /** The compressed text, or null when compression gained nothing. */
    private String compress(String text, CompressionRequest request) {
        CompressionResult r = content.compress(new CompressionRequest(text, request.level(), request.intent(),
                request.instruction(), request.encoding(), request.protectSpans()));
        return r.applied() ? r.text() : null;
    }
}
