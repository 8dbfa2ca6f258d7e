package io.camelorchestration.budget;

import java.util.Locale;

/**
 * What a hard budget does while its store is unreachable.
 */
public enum BudgetStorePolicy {
    /** Treat the step as over budget: it is handled by the step's {@code onBudgetExceeded}. Safe for money. */
    CLOSED,
    /** Let the step go down the original path, unbooked. Safe for availability. */
    OPEN;

    public static BudgetStorePolicy of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown budget store policy '" + value + "'; allowed values: closed, open");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
