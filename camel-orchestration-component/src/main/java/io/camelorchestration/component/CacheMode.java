package io.camelorchestration.component;

import java.util.Locale;

/** The endpoint option {@code cache}: whether the step's answers come from and go to the response cache. */
public enum CacheMode {
    OFF,
    /** An identical request is answered from the cache. */
    EXACT;

    /** The value users write, e.g. {@code cache=exact}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
