package io.camelorchestration.compression;

/**
 * One way of removing tokens. Strategies run in order inside {@link CompressionPipeline}; each sees the previous
 * one's output.
 */
public interface CompressionStrategy {

    String name();

    /** Whether this strategy runs for the request at all (level, intent, shape of the text). */
    boolean appliesTo(CompressionRequest request);

    String apply(String text, CompressionRequest request);
}
