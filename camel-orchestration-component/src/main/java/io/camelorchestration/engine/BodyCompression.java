package io.camelorchestration.engine;

import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;

/**
 * Compresses a body that is not plain text (a list of chat messages, say) with the step's compressor, and keeps
 * the compressed body for the caller. The request's text is the body's readable text; the result's text is the same
 * for the compressed body.
 */
@FunctionalInterface
public interface BodyCompression {

    CompressionResult compress(Compressor compressor, CompressionRequest request);
}
