package io.camelorchestration.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One model of the catalog: its tier, its public price in USD per million tokens, its context window, the tokenizer
 * encoding that counts its tokens, and optionally the delegate that reaches it (a URI, or a bean for
 * camel-langchain4j-chat's {@code chatModel}). Cached input (a provider's prompt-cache read) and cache writes have
 * prices of their own where the catalog gives them; without them they cost what fresh input costs.
 *
 * <p>{@code tier} is null when neither the catalog nor the shipped tier table ({@link ModelTiers}) says how capable the
 * model is: such a model is priced, never routed to unless the user lists it with a tier. {@code reasoning} marks a
 * model that spends hidden reasoning tokens (billed as output); {@code deprecationDate} (null when not known) the day
 * its provider retires it.
 */
public record ModelInfo(String name, String provider, Tier tier, double inputUsdPerMillion, double outputUsdPerMillion,
        int contextWindow, String encoding, String delegate, double cachedInputUsdPerMillion,
        double cacheWriteUsdPerMillion, boolean reasoning, LocalDate deprecationDate) {

    /**
     * Output a reasoning model is expected to spend on reasoning per call, on top of its answer: the least thinking
     * budget Anthropic accepts (1,024 tokens); OpenAI reports from a few hundred to tens of thousands per call. Used in
     * cost estimates and added to the output cap a reasoning model is called with, so that a short cap is not used up
     * by reasoning before the answer starts.
     */
    public static final int REASONING_OUTPUT_TOKENS = 1_024;

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** A model whose cached input and cache writes cost what fresh input costs. */
    public ModelInfo(String name, String provider, Tier tier, double inputUsdPerMillion, double outputUsdPerMillion,
            int contextWindow, String encoding, String delegate) {
        this(name, provider, tier, inputUsdPerMillion, outputUsdPerMillion, contextWindow, encoding, delegate, -1, -1);
    }

    /** A model that does not reason and has no known deprecation date. */
    public ModelInfo(String name, String provider, Tier tier, double inputUsdPerMillion, double outputUsdPerMillion,
            int contextWindow, String encoding, String delegate, double cachedInputUsdPerMillion,
            double cacheWriteUsdPerMillion) {
        this(name, provider, tier, inputUsdPerMillion, outputUsdPerMillion, contextWindow, encoding, delegate,
                cachedInputUsdPerMillion, cacheWriteUsdPerMillion, false, null);
    }

    public ModelInfo {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
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

    /** The output a call with this visible output cap is expected to spend: the cap, plus reasoning on a reasoning model. */
    public long expectedOutputTokens(long outputCap) {
        return reasoning ? outputCap + REASONING_OUTPUT_TOKENS : outputCap;
    }

    /** The output cap to call this model with for an answer of {@code outputCap} tokens (room for reasoning first). */
    public int outputCapFor(int outputCap) {
        return reasoning && outputCap > 0 ? outputCap + REASONING_OUTPUT_TOKENS : outputCap;
    }

    /** The estimated cost in USD of a call: every input token fresh, the output cap used, reasoning included. */
    public double estimatedCost(long inputTokens, long outputCap) {
        return cost(inputTokens, expectedOutputTokens(outputCap));
    }

    /** This model with another tier (the one routing-models gives it). */
    public ModelInfo withTier(Tier t) {
        return new ModelInfo(name, provider, t, inputUsdPerMillion, outputUsdPerMillion, contextWindow, encoding, delegate,
                cachedInputUsdPerMillion, cacheWriteUsdPerMillion, reasoning, deprecationDate);
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
