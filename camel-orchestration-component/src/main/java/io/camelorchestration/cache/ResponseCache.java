package io.camelorchestration.cache;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.camelorchestration.cache.internal.CaffeineResponseCache;

/**
 * Where cached answers live: a key (a SHA-256 in hex, see docs/caching.md) to an opaque entry (bytes written and
 * checked by {@link ResponseCacheService}). Plug your own (a Redis or database table, say) by binding one bean of this
 * type; the built-in ones are {@link #local} (a Caffeine cache in this JVM, the default) and
 * {@link JCacheResponseCache} (a JSR-107 cache: Hazelcast, Infinispan, Ehcache).
 *
 * <p>A store may fail: any exception out of {@link #get} counts as a miss, out of {@link #put} as an answer not kept.
 * A store never fails an exchange, so it need not retry. It need not expire entries exactly either: every entry
 * carries its own expiry and is checked on read.
 */
public interface ResponseCache extends AutoCloseable {

    /** @return the entry stored under {@code key}, or null */
    byte[] get(String key);

    /** Stores {@code entry} under {@code key} for about {@code ttl}. */
    void put(String key, byte[] entry, Duration ttl);

    /** Drops the entry under {@code key} (a corrupt or expired one). */
    void remove(String key);

    /**
     * The local store: a bounded Caffeine cache in this JVM, evicting past {@code maxEntries}, each entry expiring
     * after its own TTL.
     *
     * @param nanoTime the time source of expiry, in nanoseconds (a test's own clock)
     */
    static ResponseCache local(long maxEntries, LongSupplier nanoTime) {
        return new CaffeineResponseCache(maxEntries, nanoTime::getAsLong);
    }

    /** Releases what the store holds; the default does nothing (a bean of yours is yours to close). */
    @Override
    default void close() {
    }
}
