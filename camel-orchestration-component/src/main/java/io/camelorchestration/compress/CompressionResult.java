package io.camelorchestration.compress;

import java.util.List;

/**
 * A compressor's answer. {@code text} is never longer in tokens than the input; when nothing was gained it is the
 * input itself and {@link #applied()} is false.
 */
public record CompressionResult(String text, int tokensBefore, int tokensAfter, List<String> strategies) {

    public static CompressionResult unchanged(String text, int tokens) {
        return new CompressionResult(text, tokens, tokens, List.of());
    }

    public boolean applied() {
        return tokensAfter < tokensBefore;
    }

    public int tokensSaved() {
        return Math.max(0, tokensBefore - tokensAfter);
    }
}
