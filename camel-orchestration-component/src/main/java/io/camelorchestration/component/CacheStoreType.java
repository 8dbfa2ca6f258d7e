package io.camelorchestration.component;

import java.util.Locale;

/** The component option {@code cacheStore}: where cached answers live (a {@code responseCache} bean overrides it). */
public enum CacheStoreType {
    /** Caffeine, in this JVM. */
    LOCAL,
    /** A JSR-107 cache of the provider on the class path, shared by instances. */
    JCACHE;

    /** The value users write, e.g. {@code camel.component.orchestrate.cache-store=jcache}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
