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

    /**
     * The value users write, e.g. {@code onBudgetExceeded=fallback}: the Camel adapter's configurer reads an option's text as the constant
     * (any case, a dash for an underscore) and names the allowed values when it is none.
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
