package io.camelorchestration.component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.converter.stream.InputStreamCache;

/**
 * The body of a message as text, when it is text. Streams are read once and put back as a re-readable cache, so the
 * delegate still gets them; bytes that are not UTF-8 count as binary and are never rewritten.
 */
final class MessageText {

    private MessageText() {
    }

    /** @return the text, "" for a null body, or null when the body is not text (binary, other objects) */
    static String read(Message message) throws IOException {
        Object body = message.getBody();
        if (body == null) {
            return "";
        }
        if (body instanceof String s) {
            return s;
        }
        if (body instanceof CharSequence cs) {
            return cs.toString();
        }
        if (body instanceof byte[] bytes) {
            return utf8(bytes);
        }
        if (body instanceof StreamCache cache) {
            cache.reset();
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            cache.writeTo(buf);
            cache.reset();
            byte[] bytes = buf.toByteArray();
            return utf8(bytes);
        }
        if (body instanceof InputStream in) {
            byte[] bytes = in.readAllBytes();
            message.setBody(new InputStreamCache(bytes));
            return utf8(bytes);
        }
        return null;
    }

    /** Whether the pipeline may put rewritten text in place of this body. */
    static boolean rewritable(Object body) {
        return body instanceof String;
    }

    /** The delegate's answer as text for checks and counting; "" when it has none. */
    static String output(Message message) {
        Object body = message.getBody();
        if (body == null) {
            return "";
        }
        if (body instanceof String s) {
            return s;
        }
        try {
            String s = message.getBody(String.class);
            return s == null ? "" : s;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
