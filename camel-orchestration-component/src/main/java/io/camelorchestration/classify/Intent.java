package io.camelorchestration.classify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a step does. The ten intents of the contract; each has its own policy (budget, compression, tier, check).
 */
public enum Intent {
    EXTRACT,
    SUMMARIZE,
    GENERATE,
    VALIDATE,
    SEND,
    TRANSFORM,
    CONDITIONAL,
    AGGREGATE,
    FILTER,
    ENRICH;

    // computed once: id() is read several times per orchestrated step (headers, meters, audit)
    private final String id = name().toLowerCase(Locale.ROOT);

    /** The value users write in URIs, properties, headers and audit events. */
    public String id() {
        return id;
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(Intent::id).collect(Collectors.joining(", "));
    }

    /**
     * @throws IllegalArgumentException naming the allowed values, for start-up errors
     */
    public static Intent of(String value) {
        if (value != null) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            for (Intent intent : values()) {
                if (intent.name().equals(v)) {
                    return intent;
                }
            }
        }
        throw new IllegalArgumentException("unknown intent '" + value + "'; allowed values: auto, " + allowedValues());
    }

    @Override
    public String toString() {
        return id();
    }
}
