package io.camelorchestration.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A chat request as {@link ChatRequestJson#written} wrote it, with where its {@code model} and output cap stand in
 * the text: routing names another model and lowers the cap by putting the new values in those places, without
 * reading or writing the request again. {@link #routed} gives the text {@link ChatRequestJson#route} and
 * {@link ChatRequestJson#write} would have given, character for character.
 */
public final class ChatRequestText {

    private final String text;
    /** Where the value of {@code model} starts and ends; -1 when the request has none. */
    private final int modelStart;
    private final int modelEnd;
    /** {@code max_completion_tokens} when the request uses it, else {@code max_tokens}. */
    private final String capField;
    private final int capStart;
    private final int capEnd;
    /** The cap the request asks for, or null when it has none. */
    private final JsonNode cap;

    ChatRequestText(String text, int modelStart, int modelEnd, String capField, int capStart, int capEnd,
            JsonNode cap) {
        this.text = text;
        this.modelStart = modelStart;
        this.modelEnd = modelEnd;
        this.capField = capField;
        this.capStart = capStart;
        this.capEnd = capEnd;
        this.cap = cap;
    }

    /** The request as written. */
    public String text() {
        return text;
    }

    /** The request naming {@code model}, its cap lowered to {@code maxOutputTokens} as {@link ChatRequestJson#route} does. */
    public String routed(String model, int maxOutputTokens) {
        String name = ChatRequestJson.quoted(model);
        String lowered = ChatRequestJson.lowersCap(cap, maxOutputTokens) ? Integer.toString(maxOutputTokens) : null;
        StringBuilder out = new StringBuilder(text.length() + name.length() + 40);
        int at = 0;
        boolean capFirst = lowered != null && capStart >= 0 && (modelStart < 0 || capStart < modelStart);
        if (capFirst) {
            at = replace(out, at, capStart, capEnd, lowered);
        }
        if (modelStart >= 0) {
            at = replace(out, at, modelStart, modelEnd, name);
        }
        if (lowered != null && capStart >= 0 && !capFirst) {
            at = replace(out, at, capStart, capEnd, lowered);
        }
        int close = text.length() - 1; // the request's closing brace; fields it lacks go before it, in put order
        out.append(text, at, close);
        if (modelStart < 0) {
            out.append(",\"model\":").append(name);
        }
        if (lowered != null && capStart < 0) {
            out.append(",\"").append(capField).append("\":").append(lowered);
        }
        return out.append('}').toString();
    }

    private int replace(StringBuilder out, int at, int start, int end, String value) {
        out.append(text, at, start).append(value);
        return end;
    }
}
