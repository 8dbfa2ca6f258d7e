package io.camelorchestration.cache.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.camelorchestration.cache.ResponseCache;

/**
 * The local store: a bounded Caffeine cache in this JVM (W-TinyLFU eviction past {@code maxEntries}, each entry
 * expiring after its own TTL). The default: nothing to run, nothing shared between instances.
 */
public final class CaffeineResponseCache implements ResponseCache {

    private record Held(byte[] entry, long ttlNanos) {
    }

    private final Cache<String, Held> cache;

    public CaffeineResponseCache(long maxEntries) {
        this(maxEntries, Ticker.systemTicker());
    }

    /** @param ticker the time source of expiry (a test's own clock) */
    public CaffeineResponseCache(long maxEntries, Ticker ticker) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        cache = Caffeine.newBuilder().maximumSize(maxEntries).ticker(ticker).expireAfter(new Expiry<String, Held>() {
            @Override
            public long expireAfterCreate(String key, Held value, long currentTime) {
                return value.ttlNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Held value, long currentTime, long currentDuration) {
                return value.ttlNanos();
            }

            @Override
            public long expireAfterRead(String key, Held value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    @Override
    public byte[] get(String key) {
        Held h = cache.getIfPresent(key);
        return h == null ? null : h.entry();
    }

    @Override
    public void put(String key, byte[] entry, Duration ttl) {
        cache.put(key, new Held(entry, Math.max(1, ttl.toNanos())));
    }

    @Override
    public void remove(String key) {
        cache.invalidate(key);
    }

    /** Entries held now (expired ones may still count until Caffeine's next maintenance). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
