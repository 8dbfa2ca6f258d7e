package io.camelorchestration.component.langchain4j;

/**
 * Token usage a chat model reported for the calls made inside one orchestrated step.
 */
public record CapturedUsage(long input, long output) {
}
