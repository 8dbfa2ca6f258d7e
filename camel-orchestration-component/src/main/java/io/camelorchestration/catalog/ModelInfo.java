package io.camelorchestration.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * One model of the catalog: its tier, its public price in USD per million tokens, its context window, the tokenizer
 * encoding that counts its tokens, and optionally the delegate that reaches it (a URI, or a bean for
 * camel-langchain4j-chat's {@code chatModel}). Cached input (a provider's prompt-cache read) and cache writes have
 * prices of their own where the catalog gives them; without them they cost what fresh input costs.
 */
public record ModelInfo(String name, String provider, Tier tier, double inputUsdPerMillion, double outputUsdPerMillion,
        int contextWindow, String encoding, String delegate, double cachedInputUsdPerMillion,
        double cacheWriteUsdPerMillion) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** A model whose cached input and cache writes cost what fresh input costs. */
    public ModelInfo(String name, String provider, Tier tier, double inputUsdPerMillion, double outputUsdPerMillion,
            int contextWindow, String encoding, String delegate) {
        this(name, provider, tier, inputUsdPerMillion, outputUsdPerMillion, contextWindow, encoding, delegate, -1, -1);
    }

    public ModelInfo {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        tier = tier == null ? Tier.MEDIUM : tier;
        provider = provider == null ? "unknown" : provider;
        encoding = encoding == null || encoding.isBlank() ? "cl100k_base" : encoding;
        // negative: not given, fresh input's price
        cachedInputUsdPerMillion = cachedInputUsdPerMillion < 0 ? inputUsdPerMillion : cachedInputUsdPerMillion;
        cacheWriteUsdPerMillion = cacheWriteUsdPerMillion < 0 ? inputUsdPerMillion : cacheWriteUsdPerMillion;
        if (Double.isNaN(inputUsdPerMillion) || Double.isNaN(outputUsdPerMillion)
                || inputUsdPerMillion < 0 || outputUsdPerMillion < 0) {
            throw new IllegalArgumentException("model " + name + ": prices must not be negative");
        }
        if (contextWindow < 0) {
            throw new IllegalArgumentException("model " + name + ": contextWindow must not be negative");
        }
    }

    /** Cost in USD of the given usage, every input token fresh. */
    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputUsdPerMillion + outputTokens * outputUsdPerMillion) / 1_000_000d;
    }

    /**
     * What the provider bills, summed in decimal so that the figure is the one on the invoice, not a binary
     * approximation of it.
     *
     * @param inputTokens      all input tokens, cached and cache-written ones included
     * @param cachedInput      of those, read from the provider's prompt cache
     * @param cacheWriteInput  of those, written to the prompt cache
     * @param outputTokens     all output tokens, reasoning tokens included (providers bill them as output)
     */
    public double billedCost(long inputTokens, long cachedInput, long cacheWriteInput, long outputTokens) {
        long cached = Math.max(0, Math.min(cachedInput, inputTokens));
        long written = Math.max(0, Math.min(cacheWriteInput, inputTokens - cached));
        long fresh = Math.max(0, inputTokens - cached - written);
        BigDecimal usdPerMillion = BigDecimal.valueOf(fresh).multiply(BigDecimal.valueOf(inputUsdPerMillion))
                .add(BigDecimal.valueOf(cached).multiply(BigDecimal.valueOf(cachedInputUsdPerMillion)))
                .add(BigDecimal.valueOf(written).multiply(BigDecimal.valueOf(cacheWriteUsdPerMillion)))
                .add(BigDecimal.valueOf(Math.max(0, outputTokens)).multiply(BigDecimal.valueOf(outputUsdPerMillion)));
        return usdPerMillion.divide(MILLION, MathContext.DECIMAL64).doubleValue();
    }

    public boolean fits(long tokens) {
        return contextWindow == 0 || tokens <= contextWindow;
    }
}
