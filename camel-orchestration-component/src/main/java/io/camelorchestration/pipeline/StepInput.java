package io.camelorchestration.pipeline;

/**
 * A message as the pipeline sees it.
 *
 * @param text        the body as text, or null when it is not text (binary, objects the pipeline does not rewrite)
 * @param instruction this message's instruction or question, or null
 * @param budgetKey   the cumulative budget key, or null
 * @param rewritable  whether a compressed text may replace the body (otherwise it is only counted)
 */
public record StepInput(String text, String instruction, String budgetKey, boolean rewritable) {

    public StepInput(String text, String instruction, String budgetKey) {
        this(text, instruction, budgetKey, true);
    }

    public boolean hasText() {
        return text != null;
    }
}
