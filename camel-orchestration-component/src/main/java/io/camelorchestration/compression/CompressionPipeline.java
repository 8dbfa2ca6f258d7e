package io.camelorchestration.compression;

import java.util.ArrayList;
import java.util.List;

import io.camelorchestration.tokens.TokenCounter;

/**
 * The built-in compressor: its strategies in order, each kept only if it removed tokens, with a floor below which
 * inputs are left alone (the saving would be noise and the risk real).
 */
public final class CompressionPipeline implements Compressor {

    /** Inputs shorter than this many tokens are not compressed. */
    public static final int DEFAULT_MIN_TOKENS = 64;

    private final List<CompressionStrategy> strategies;
    private final TokenCounter tokens;
    private final int minTokens;

    public CompressionPipeline(List<CompressionStrategy> strategies, TokenCounter tokens, int minTokens) {
        this.strategies = List.copyOf(strategies);
        this.tokens = tokens;
        this.minTokens = minTokens;
    }

    public static CompressionPipeline defaults() {
        return new CompressionPipeline(List.of(new JsonMinifier(), new WhitespaceNormalizer()),
                TokenCounter.shared(), DEFAULT_MIN_TOKENS);
    }

    @Override
    public CompressionResult compress(CompressionRequest request) {
        String text = request.text();
        int before = tokens.count(text, request.encoding());
        if (request.level() == CompressionLevel.OFF || before < minTokens) {
            return CompressionResult.unchanged(text, before);
        }
        String current = text;
        List<String> applied = new ArrayList<>(strategies.size());
        for (CompressionStrategy s : strategies) {
            CompressionRequest step = new CompressionRequest(current, request.level(), request.intent(),
                    request.instruction(), request.encoding(), request.protectSpans());
            if (!s.appliesTo(step)) {
                continue;
            }
            String next = s.apply(current, step);
            if (next != null && !next.equals(current)) {
                current = next;
                applied.add(s.name());
            }
        }
        int after = current == text ? before : tokens.count(current, request.encoding());
        if (after >= before) {
            return CompressionResult.unchanged(text, before);
        }
        return new CompressionResult(current, before, after, List.copyOf(applied));
    }
}
