package io.camelorchestration.budget;

import java.util.Locale;

/**
 * What a step does when its estimate would break a hard budget.
 */
public enum OnBudgetExceeded {
    /** Compress harder, use the cheapest capable model and a lower output cap. */
    DEGRADE,
    /** Call the delegate unoptimised, as if the component were not there. */
    FALLBACK,
    /** Throw {@link BudgetExceededException} before the delegate is called. */
    FAIL;

    public static OnBudgetExceeded of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown onBudgetExceeded '" + value + "'; allowed values: degrade, fallback, fail");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
