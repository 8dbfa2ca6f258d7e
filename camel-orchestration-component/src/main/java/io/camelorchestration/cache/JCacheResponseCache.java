package io.camelorchestration.cache;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;

/**
 * A store on a JSR-107 cache, so that the cluster you already run (Hazelcast, Infinispan, Ehcache) serves every
 * instance: an answer one instance paid for is a hit on the others. Entries are bytes, so any provider and any
 * serialization setting can hold them. The cache's own expiry is set to the TTL when this creates the cache; an entry
 * is checked against its own expiry on read as well, so a cache configured otherwise never serves a stale one.
 */
public final class JCacheResponseCache implements ResponseCache {

    private final Cache<String, byte[]> cache;

    public JCacheResponseCache(Cache<String, byte[]> cache) {
        this.cache = cache;
    }

    /**
     * The cache {@code name} of the default provider's default manager (the only provider on the class path, or the
     * one {@code javax.cache.spi.CachingProvider} names), created with {@code ttl} expiry when missing.
     */
    public static JCacheResponseCache open(String name, Duration ttl) {
        return open(Caching.getCachingProvider().getCacheManager(), name, ttl);
    }

    public static JCacheResponseCache open(CacheManager manager, String name, Duration ttl) {
        Cache<String, byte[]> cache = manager.getCache(name, String.class, byte[].class);
        if (cache == null) {
            MutableConfiguration<String, byte[]> config = new MutableConfiguration<String, byte[]>()
                    .setTypes(String.class, byte[].class)
                    .setStoreByValue(true)
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, Math.max(1, ttl.toMillis()))));
            try {
                cache = manager.createCache(name, config);
            } catch (javax.cache.CacheException e) {
                // another instance created it first
                cache = manager.getCache(name, String.class, byte[].class);
                if (cache == null) {
                    throw e;
                }
            }
        }
        return new JCacheResponseCache(cache);
    }

    @Override
    public byte[] get(String key) {
        return cache.get(key);
    }

    @Override
    public void put(String key, byte[] entry, Duration ttl) {
        cache.put(key, entry);
    }

    @Override
    public void remove(String key) {
        cache.remove(key);
    }

    public Cache<String, byte[]> cache() {
        return cache;
    }
}
