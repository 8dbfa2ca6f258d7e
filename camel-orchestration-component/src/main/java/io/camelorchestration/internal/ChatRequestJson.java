package io.camelorchestration.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-style chat request body ({@code {"model":…,"messages":[…]}}) read and written the one way: compression
 * rewrites its messages and routing its model and output cap, and both must hand the user's request on with every
 * other field as it came, numbers to the last digit ({@link Json#EXACT}).
 */
public final class ChatRequestJson {

    private ChatRequestJson() {
    }

    /** A cheap look before parsing: a JSON object that names {@code "messages"}. */
    public static boolean looksLikeOne(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '{' && text.contains("\"messages\"");
    }

    /** The request as a tree to rewrite, or null when the text is not a chat request (not JSON, no messages array). */
    public static ObjectNode parse(String text) {
        if (!looksLikeOne(text)) {
            return null;
        }
        try {
            JsonNode node = Json.EXACT.readTree(text);
            return node instanceof ObjectNode o && o.path("messages").isArray() ? o : null;
        } catch (Exception e) {
            return null; // not JSON after all
        }
    }

    /** The rewritten request, minified; null when it cannot be written (it can always be, for a tree parsed here). */
    public static String write(ObjectNode request) {
        try {
            return Json.EXACT.writeValueAsString(request);
        } catch (Exception e) {
            return null;
        }
    }
}
