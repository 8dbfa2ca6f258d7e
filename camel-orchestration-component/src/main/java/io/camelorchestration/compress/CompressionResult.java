package io.camelorchestration.compress;

import java.util.List;

import io.camelorchestration.internal.ChatRequestText;

/**
 * A compressor's answer. {@code text} is never longer in tokens than the input; when nothing was gained it is the
 * input itself and {@link #applied()} is false.
 *
 * @param chatRequest when {@code text} is an OpenAI-style chat request the built-in pipeline rewrote: the same text
 *                    with where its model and output cap stand, so that routing sets them without parsing it again;
 *                    else null
 */
public record CompressionResult(String text, int tokensBefore, int tokensAfter, List<String> strategies,
        ChatRequestText chatRequest) {

    public CompressionResult(String text, int tokensBefore, int tokensAfter, List<String> strategies) {
        this(text, tokensBefore, tokensAfter, strategies, null);
    }

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
