package io.camelorchestration.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-style chat request body ({@code {"model":…,"messages":[…]}}) read and written the one way: compression
 * rewrites its messages and routing its model and output cap, and both must hand the user's request on with every
 * other field as it came, numbers to the last digit ({@link Json#EXACT}).
 */
public final class ChatRequestJson {

    /** Requests parsed, for the test that a routed and compressed request is parsed once. */
    static final LongAdder PARSED = new LongAdder();

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
        PARSED.increment();
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

    /**
     * The request written as {@link #write} writes it, with where its model and output cap stand, so that routing
     * can set them without parsing it again; null when it cannot be written.
     *
     * @param sizeHint about how many characters it takes (the text it was parsed from, say)
     */
    public static ChatRequestText written(ObjectNode request, int sizeHint) {
        String capField = capField(request);
        TextWriter out = new TextWriter(sizeHint);
        int[] model = { -1, -1 };
        int[] cap = { -1, -1 };
        try (JsonGenerator g = Json.EXACT.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> field : request.properties()) {
                int[] place = field.getKey().equals("model") ? model : field.getKey().equals(capField) ? cap : null;
                g.writeFieldName(field.getKey());
                if (place != null) {
                    g.flush();
                    place[0] = out.length() + 1; // the value comes after its colon
                }
                Json.EXACT.writeTree(g, field.getValue());
                if (place != null) {
                    g.flush();
                    place[1] = out.length();
                    if (out.charAt(place[0] - 1) != ':') {
                        return null; // not written the compact way after all
                    }
                }
            }
            g.writeEndObject();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return new ChatRequestText(out.text(), model[0], model[1], capField, cap[0], cap[1],
                request.get(capField));
    }

    /** A writer into one char array, sized up front: no locks, copied once into the text. */
    private static final class TextWriter extends Writer {
        private char[] chars;
        private int length;

        TextWriter(int size) {
            chars = new char[Math.max(64, size)];
        }

        int length() {
            return length;
        }

        char charAt(int i) {
            return chars[i];
        }

        String text() {
            return new String(chars, 0, length);
        }

        @Override
        public void write(char[] from, int off, int len) {
            room(len);
            System.arraycopy(from, off, chars, length, len);
            length += len;
        }

        @Override
        public void write(String s, int off, int len) {
            room(len);
            s.getChars(off, off + len, chars, length);
            length += len;
        }

        private void room(int len) {
            if (length + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + len));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /**
     * Names {@code model}, and lowers {@code max_tokens} (or {@code max_completion_tokens}, when the request uses
     * that) to {@code maxOutputTokens} when it is positive and the request allows more, or gives no valid cap.
     */
    public static void route(ObjectNode request, String model, int maxOutputTokens) {
        request.put("model", model);
        String field = capField(request);
        if (lowersCap(request.get(field), maxOutputTokens)) {
            request.put(field, maxOutputTokens);
        }
    }

    static String capField(ObjectNode request) {
        return request.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
    }

    static boolean lowersCap(JsonNode current, int maxOutputTokens) {
        return maxOutputTokens > 0 && (current == null || !current.canConvertToInt() || current.asInt() <= 0
                || current.asInt() > maxOutputTokens);
    }

    /** A JSON string as the writer writes it. */
    static String quoted(String value) {
        try {
            return Json.EXACT.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
