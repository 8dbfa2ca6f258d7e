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

    /**
     * The value users write, e.g. {@code onBudgetStoreUnavailable=open}: the Camel adapter's configurer reads an option's text as the constant
     * (any case, a dash for an underscore) and names the allowed values when it is none.
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
