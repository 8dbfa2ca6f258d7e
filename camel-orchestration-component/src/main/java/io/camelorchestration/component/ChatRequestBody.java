package io.camelorchestration.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.internal.Json;
import org.apache.camel.Message;

/**
 * An OpenAI-style chat request in the body ({@code {"model":…,"messages":[…]}}, as sent with {@code http:} to
 * {@code /v1/chat/completions}): routing reaches the model through the request itself, so the routed model and the
 * step's output cap are written into it. Any other body is left alone.
 */
final class ChatRequestBody {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private ChatRequestBody() {
    }

    /**
     * Sets {@code model}, and lowers {@code max_tokens} (or {@code max_completion_tokens}, when the request uses that)
     * to {@code maxOutputTokens} when it is positive and the request allows more.
     *
     * @return whether the body was a chat request and was rewritten
     */
    static boolean apply(Message msg, String model, int maxOutputTokens) {
        if (!(msg.getBody() instanceof String text) || !looksLikeChatRequest(text)) {
            return false;
        }
        ObjectNode request;
        try {
            JsonNode node = MAPPER.readTree(text);
            if (!(node instanceof ObjectNode o) || !o.path("messages").isArray()) {
                return false;
            }
            request = o;
        } catch (Exception e) {
            return false; // not JSON after all: nothing to rewrite
        }
        request.put("model", model);
        if (maxOutputTokens > 0) {
            String field = request.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
            JsonNode current = request.get(field);
            if (current == null || !current.canConvertToInt() || current.asInt() <= 0 || current.asInt() > maxOutputTokens) {
                request.put(field, maxOutputTokens);
            }
        }
        try {
            msg.setBody(MAPPER.writeValueAsString(request));
        } catch (Exception e) {
            return false;
        }
        return true;
    }

    private static boolean looksLikeChatRequest(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '{' && text.contains("\"messages\"");
    }
}
