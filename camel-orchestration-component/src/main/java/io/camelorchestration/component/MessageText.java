package io.camelorchestration.component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.camelorchestration.text.TokenCounter;
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

    /**
     * A body over the size limit, measured without copying it: characters of text, bytes of a byte[] or a stream.
     * {@code sizeKnown} is false for a stream that could not tell its length: it was read no further than one byte
     * over the limit.
     */
    record Oversize(long size, boolean sizeKnown, CharSequence text, byte[] sample) {

        /**
         * Tokens in the body, from a sample of its first {@link TokenCounter#EXACT_LIMIT_CHARS} characters (or
         * bytes) scaled to its size: the memory used is the sample's, whatever the body's size. For a stream whose end
         * was not read, the count covers what was read, so it is a lower bound.
         */
        long estimateTokens(String encoding) {
            TokenCounter counter = TokenCounter.shared();
            if (text != null) {
                return counter.count(text, encoding);
            }
            if (sample == null || sample.length == 0) {
                return 0;
            }
            String head = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(sample)).toString();
            return (long) Math.ceil((double) counter.count(head, encoding) * size / sample.length);
        }
    }

    /**
     * Measures the body against {@code limit}. Nothing is copied to find out, except that a stream that cannot tell
     * its length is read up to {@code limit + 1} bytes and put back whole: as a re-readable cache when it ended
     * within the limit, else as those bytes followed by the rest of the stream, unread.
     *
     * @return null when the body is within the limit (or is not text, bytes or a stream)
     */
    static Oversize oversize(Message message, long limit) throws IOException {
        Object body = message.getBody();
        int sampleSize = TokenCounter.EXACT_LIMIT_CHARS;
        if (body instanceof CharSequence cs) {
            return cs.length() > limit ? new Oversize(cs.length(), true, cs, null) : null;
        }
        if (body instanceof byte[] bytes) {
            return bytes.length > limit
                    ? new Oversize(bytes.length, true, null, Arrays.copyOf(bytes, Math.min(bytes.length, sampleSize)))
                    : null;
        }
        if (body instanceof StreamCache cache) {
            long length = cache.length();
            if (length <= limit) {
                return null;
            }
            byte[] sample = null;
            if (cache instanceof InputStream in) {
                cache.reset();
                sample = in.readNBytes(sampleSize);
                cache.reset();
            }
            return new Oversize(length, true, null, sample);
        }
        if (body instanceof InputStream in) {
            int max = (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
            byte[] head = in.readNBytes(max);
            if (head.length < max) {
                message.setBody(new InputStreamCache(head));
                return null;
            }
            message.setBody(new SequenceInputStream(new ByteArrayInputStream(head), in));
            return new Oversize(head.length, false, null, Arrays.copyOf(head, Math.min(head.length, sampleSize)));
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
