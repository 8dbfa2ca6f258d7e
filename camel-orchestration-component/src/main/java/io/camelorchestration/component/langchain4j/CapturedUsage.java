package io.camelorchestration.component.langchain4j;

/**
 * Token usage a chat model reported for the calls made inside one orchestrated step: all input (cached included), all
 * output (reasoning included), and of those the cached input, the cache writes and the reasoning tokens.
 */
public record CapturedUsage(long input, long output, long cachedInput, long cacheWriteInput, long reasoning) {

    public CapturedUsage(long input, long output) {
        this(input, output, 0, 0, 0);
    }
}
