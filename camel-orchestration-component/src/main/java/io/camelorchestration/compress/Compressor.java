package io.camelorchestration.compress;

/**
 * Makes a step's input smaller without losing what the step needs. Bind your own to replace the built-in pipeline.
 * Implementations must be deterministic, thread-safe, and never return more tokens than they got.
 */
@FunctionalInterface
public interface Compressor {

    CompressionResult compress(CompressionRequest request);
}
