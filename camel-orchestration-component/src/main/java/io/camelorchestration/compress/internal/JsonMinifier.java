package io.camelorchestration.compress.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionStrategy;

/**
 * Removes the formatting of a JSON document and nothing else: keys, values and their order are copied token by
 * token (numbers keep their exact text). Text that is not a single well-formed JSON document is left alone.
 */
public final class JsonMinifier implements CompressionStrategy {

    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public String name() {
        return "json-minify";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        if (request.level() == CompressionLevel.OFF) {
            return false;
        }
        String t = request.text().stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }

    @Override
    public String apply(String text, CompressionRequest request) {
        String minified = minify(text);
        return minified == null ? text : minified;
    }

    /** The minified document, or null when the text is not one JSON document. */
    static String minify(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        try (JsonParser p = FACTORY.createParser(text);
             JsonGenerator g = FACTORY.createGenerator(new StringBuilderWriter(sb))) {
            g.setRootValueSeparator(new SerializedString(""));
            int depth = 0;
            boolean done = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (done) {
                    return null; // a second document
                }
                switch (t) {
                    // the number's own text: 10.50 stays 10.50, 1e3 stays 1e3
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                    default -> g.copyCurrentEvent(p);
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
                done = depth == 0;
            }
            if (!done) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return sb.toString();
    }

    private static final class StringBuilderWriter extends java.io.Writer {
        private final StringBuilder sb;

        StringBuilderWriter(StringBuilder sb) {
            this.sb = sb;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            sb.append(str, off, off + len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
