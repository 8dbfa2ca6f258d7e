package io.camelorchestration.catalog;

import java.util.Objects;

/**
 * One model of the catalog: its tier, its public price in USD per million tokens, its context window, the tokenizer
 * encoding that counts its tokens, and optionally the delegate that reaches it (a URI, or a bean for
 * camel-langchain4j-chat's {@code chatModel}).
 */
public record ModelInfo(String name, String provider, Tier tier, double inputUsdPerMillion, double outputUsdPerMillion,
        int contextWindow, String encoding, String delegate) {

    public ModelInfo {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        tier = tier == null ? Tier.MEDIUM : tier;
        provider = provider == null ? "unknown" : provider;
        encoding = encoding == null || encoding.isBlank() ? "cl100k_base" : encoding;
        if (inputUsdPerMillion < 0 || outputUsdPerMillion < 0) {
            throw new IllegalArgumentException("model " + name + ": prices must not be negative");
        }
        if (contextWindow < 0) {
            throw new IllegalArgumentException("model " + name + ": contextWindow must not be negative");
        }
    }

    /** Cost in USD of the given usage. */
    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputUsdPerMillion + outputTokens * outputUsdPerMillion) / 1_000_000d;
    }

    public boolean fits(long tokens) {
        return contextWindow == 0 || tokens <= contextWindow;
    }
}
