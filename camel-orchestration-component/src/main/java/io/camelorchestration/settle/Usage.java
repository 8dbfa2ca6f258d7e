package io.camelorchestration.settle;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Usd;

/**
 * What one model call used, as the provider bills it.
 *
 * @param input           every input token, cached and cache-written ones included
 * @param output          every output token, reasoning included
 * @param source          where the figures came from (a header, a JSON {@code usage}, a listener, the tokenizer)
 * @param cachedInput     of {@code input}, read from the provider's prompt cache
 * @param cacheWriteInput of {@code input}, written to the prompt cache
 * @param reasoning       of {@code output}, hidden reasoning
 */
public record Usage(long input, long output, String source, long cachedInput, long cacheWriteInput, long reasoning) {

    /** Counted by our own tokenizer: the figure when the delegate reports nothing. */
    public static final String TOKENIZER = "tokenizer";

    public static final Usage NONE = new Usage(0, 0, "none");

    public Usage(long input, long output, String source) {
        this(input, output, source, 0, 0, 0);
    }

    public long total() {
        return input + output;
    }

    /** What the provider bills for it on {@code model}, per token type. */
    public Usd cost(ModelInfo model) {
        return model == null ? Usd.ZERO : Usd.of(model.billedCost(input, cachedInput, cacheWriteInput, output));
    }

    /** Whether any token type billed at a price of its own is in it. */
    public boolean hasDetails() {
        return cachedInput + cacheWriteInput + reasoning > 0;
    }

    /** With the given details where this report gave none. */
    public Usage withDetails(long cached, long cacheWrite, long reasoningTokens) {
        return new Usage(input, output, source, cachedInput > 0 ? cachedInput : cached,
                cacheWriteInput > 0 ? cacheWriteInput : cacheWrite, reasoning > 0 ? reasoning : reasoningTokens);
    }
}
