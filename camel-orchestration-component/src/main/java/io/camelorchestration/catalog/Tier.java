package io.camelorchestration.catalog;

import java.util.Locale;

/**
 * How capable a model must be. {@link #NONE} marks intents that need no model at all (send).
 */
public enum Tier {
    NONE,
    SMALL,
    MEDIUM,
    LARGE;

    public static Tier of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown tier '" + value + "'; allowed values: small, medium, large");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
