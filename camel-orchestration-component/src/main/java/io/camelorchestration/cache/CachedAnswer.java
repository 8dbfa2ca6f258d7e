package io.camelorchestration.cache;

import java.util.List;
import java.util.Map;

/**
 * An answer worth keeping: what the delegate left on the message, and what the call it saves cost.
 *
 * @param textBody     the answer's body when it was text, else null
 * @param bytesBody    the answer's body when it was bytes, else null
 * @param headers      headers the delegate set or changed (values: String, Integer, Long, Double, Float, Boolean)
 * @param removedHeaders headers the delegate removed
 * @param model        the model that answered, or null when unknown
 * @param inputTokens  input tokens of the call
 * @param outputTokens output tokens of the call
 * @param cost         USD of the call
 * @param storedAt     epoch millis when stored
 * @param expiresAt    epoch millis after which the entry is not served
 */
public record CachedAnswer(String textBody, byte[] bytesBody, Map<String, Object> headers, List<String> removedHeaders,
        String model, long inputTokens, long outputTokens, double cost, long storedAt, long expiresAt) {

    public CachedAnswer {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        removedHeaders = removedHeaders == null ? List.of() : List.copyOf(removedHeaders);
    }

    /** The body as the route sees it: a String or a byte[] (a copy: the entry stays as stored). */
    public Object body() {
        return textBody != null ? textBody : bytesBody.clone();
    }

    public long tokens() {
        return inputTokens + outputTokens;
    }

    public boolean expired(long nowMillis) {
        return nowMillis >= expiresAt;
    }

    /** Whether a header value can be kept in an entry and given back with the same type. */
    public static boolean storable(Object value) {
        return value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Float || value instanceof Boolean;
    }
}
