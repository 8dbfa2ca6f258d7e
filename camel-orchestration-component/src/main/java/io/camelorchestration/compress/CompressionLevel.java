package io.camelorchestration.compress;

import java.util.Locale;

/**
 * How hard a compressor may work on an input. {@link #LIGHT} only removes what carries no meaning (white space,
 * JSON formatting, exact repeats); {@link #AGGRESSIVE} also drops sentences the step does not need.
 */
public enum CompressionLevel {
    OFF,
    LIGHT,
    AGGRESSIVE;

    public static CompressionLevel of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown compression level '" + value + "'; allowed values: auto, off, light, aggressive");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public CompressionLevel harder() {
        return this == OFF ? LIGHT : AGGRESSIVE;
    }
}
