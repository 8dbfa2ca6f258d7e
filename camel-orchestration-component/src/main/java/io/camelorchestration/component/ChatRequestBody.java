package io.camelorchestration.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.internal.ChatRequestJson;
import org.apache.camel.Message;

/**
 * An OpenAI-style chat request in the body ({@code {"model":…,"messages":[…]}}, as sent with {@code http:} to
 * {@code /v1/chat/completions}): routing reaches the model through the request itself, so the routed model and the
 * step's output cap are written into it. Any other body is left alone.
 */
final class ChatRequestBody {

    private ChatRequestBody() {
    }

    /**
     * Sets {@code model}, and lowers {@code max_tokens} (or {@code max_completion_tokens}, when the request uses that)
     * to {@code maxOutputTokens} when it is positive and the request allows more.
     *
     * @return whether the body was a chat request and was rewritten
     */
    static boolean apply(Message msg, String model, int maxOutputTokens) {
        ObjectNode request = msg.getBody() instanceof String text ? ChatRequestJson.parse(text) : null;
        if (request == null) {
            return false;
        }
        request.put("model", model);
        if (maxOutputTokens > 0) {
            String field = request.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
            JsonNode current = request.get(field);
            if (current == null || !current.canConvertToInt() || current.asInt() <= 0 || current.asInt() > maxOutputTokens) {
                request.put(field, maxOutputTokens);
            }
        }
        String rewritten = ChatRequestJson.write(request);
        if (rewritten == null) {
            return false;
        }
        msg.setBody(rewritten);
        return true;
    }
}
