package io.camelorchestration.compress;

import io.camelorchestration.classify.Intent;

/**
 * What to compress and how: the text, the level, the intent it is for, the step's instruction or question (for
 * question-aware selection; may be null), the tokenizer encoding of the model, and whether protected spans
 * (numbers, dates, ids, e-mail addresses, URLs, code, quotes) must survive untouched.
 */
public record CompressionRequest(String text, CompressionLevel level, Intent intent, String instruction,
        String encoding, boolean protectSpans) {

    public CompressionRequest {
        text = text == null ? "" : text;
        level = level == null ? CompressionLevel.OFF : level;
    }
}
