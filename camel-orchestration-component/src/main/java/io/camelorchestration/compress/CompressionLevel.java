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

    /**
     * The value users write, e.g. {@code compression=aggressive}: the Camel adapter's configurer reads an option's text as the constant
     * (any case, a dash for an underscore) and names the allowed values when it is none.
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public CompressionLevel harder() {
        return this == OFF ? LIGHT : AGGRESSIVE;
    }
}
