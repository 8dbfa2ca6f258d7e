package io.camelorchestration.engine;

/**
 * A message as the pipeline sees it.
 *
 * @param text        the body as text, or null when it is not text (binary, objects the pipeline does not rewrite)
 * @param instruction this message's instruction or question, or null
 * @param budgetKey   the cumulative budget key, or null
 * @param rewritable  whether a compressed text may replace the body (otherwise it is only counted)
 * @param bodyCompression how to compress a body that is not plain text (chat messages), or null
 */
public record StepInput(String text, String instruction, String budgetKey, boolean rewritable,
        BodyCompression bodyCompression) {

    public StepInput(String text, String instruction, String budgetKey, boolean rewritable) {
        this(text, instruction, budgetKey, rewritable, null);
    }

    public StepInput(String text, String instruction, String budgetKey) {
        this(text, instruction, budgetKey, true, null);
    }

    public boolean hasText() {
        return text != null;
    }
}
