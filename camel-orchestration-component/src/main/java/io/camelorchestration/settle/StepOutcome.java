package io.camelorchestration.settle;

import java.util.Locale;

/**
 * How a step ended, as the {@code outcome} tag of {@code orchestration.steps}.
 */
public enum StepOutcome {
    ORCHESTRATED,
    FALLBACK,
    BYPASSED,
    BUDGET_EXCEEDED,
    FAILED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
