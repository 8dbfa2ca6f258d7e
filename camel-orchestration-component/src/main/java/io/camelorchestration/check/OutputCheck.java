package io.camelorchestration.check;

/**
 * Verifies a step's output for its intent. A failed check on a cheaper, routed model re-runs the step on the
 * original model.
 */
@FunctionalInterface
public interface OutputCheck {

    /**
     * @param output the delegate's answer as text (never null)
     * @param input  the text the delegate was given (never null)
     */
    CheckResult check(String output, String input);
}
