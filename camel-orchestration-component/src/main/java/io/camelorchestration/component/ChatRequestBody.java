package io.camelorchestration.component;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.internal.ChatRequestJson;
import io.camelorchestration.internal.ChatRequestText;
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
     * to {@code maxOutputTokens} when it is positive and the request allows more ({@link ChatRequestJson#route}).
     *
     * @param compressed the body as compression wrote it, when it did (the body is then that text): the model and
     *                   cap go into their places in it, without parsing it again; else null
     * @return whether the body was a chat request and was rewritten
     */
    static boolean apply(Message msg, ChatRequestText compressed, String model, int maxOutputTokens) {
        if (compressed != null) {
            msg.setBody(compressed.routed(model, maxOutputTokens));
            return true;
        }
        ObjectNode request = msg.getBody() instanceof String text ? ChatRequestJson.parse(text) : null;
        if (request == null) {
            return false;
        }
        ChatRequestJson.route(request, model, maxOutputTokens);
        String rewritten = ChatRequestJson.write(request);
        if (rewritten == null) {
            return false;
        }
        msg.setBody(rewritten);
        return true;
    }
}
