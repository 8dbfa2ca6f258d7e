package io.camelorchestration.route;

/**
 * What makes an input harder than its intent's tier suggests. Any one of them raises the tier one step.
 */
public enum ComplexityFeature {
    /** Source code: a fenced block, or several lines that only code has. */
    CODE,
    /** Proofs, derivations, equations, arithmetic written out. */
    MATH,
    /** Several questions to answer at once. */
    SEVERAL_QUESTIONS,
    /** Long-form writing asked for: an essay, a detailed report, "at least 800 words". */
    LONG_FORM,
    /** More input than a small model reads well. */
    LONG_INPUT;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
