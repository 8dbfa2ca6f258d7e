package io.camelorchestration.component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.camelorchestration.cache.JCacheResponseCache;
import io.camelorchestration.cache.ResponseCache;
import io.camelorchestration.cache.ResponseCacheService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * The response cache as the component runs it: the store its options name, the service in front of it, the threads
 * that time out and resume waiting steps, and the {@code orchestration.cache*} meters.
 */
final class ResponseCaching {

    private final ResponseCacheService service;
    private final boolean ownsStore;
    private final ScheduledExecutorService timer;
    private final ExecutorService resume;
    private final CamelContext ctx;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private ResponseCaching(CamelContext ctx, ResponseCacheService service, boolean ownsStore,
            ScheduledExecutorService timer, ExecutorService resume, MeterRegistry registry) {
        this.ctx = ctx;
        this.service = service;
        this.ownsStore = ownsStore;
        this.timer = timer;
        this.resume = resume;
        this.registry = registry;
    }

    /**
     * @param cache the cache options, checked ({@link RuntimeOptions#of})
     * @param source what the threads are named after (the component)
     */
    static ResponseCaching create(CamelContext ctx, Object source, RuntimeOptions.Cache cache, MeterRegistry registry) {
        Duration ttl = cache.ttl();
        Clock clk = cache.clock();
        ResponseCache store;
        boolean owns = true;
        if (cache.store() != null) {
            store = cache.store();
            owns = false;
        } else if (cache.storeType() == CacheStoreType.JCACHE) {
            store = jcache(ctx, cache.name(), ttl);
        } else {
            store = ResponseCache.local(cache.maxEntries(), () -> clk.millis() * 1_000_000L);
        }
        ExecutorServiceManager executors = ctx.getExecutorServiceManager();
        ScheduledExecutorService timer = executors.newSingleThreadScheduledExecutor(source, "OrchestrateCacheWait");
        ExecutorService resume = executors.newCachedThreadPool(source, "OrchestrateCacheResume");
        ResponseCacheService service = new ResponseCacheService(store, clk, ttl, cache.waitTimeout(), timer, resume);
        return new ResponseCaching(ctx, service, owns, timer, resume, registry);
    }

    private static ResponseCache jcache(CamelContext ctx, String name, Duration ttl) {
        try {
            Class.forName("javax.cache.Caching", false, ResponseCaching.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("Option '" + OrchestrateComponent.PROPERTY_PREFIX
                    + "cache-store=jcache' needs javax.cache:cache-api and a JCache provider (e.g. com.hazelcast:hazelcast)"
                    + " on the class path");
        }
        try {
            // the application's own CacheManager when it has one (Spring, Quarkus, a configured Hazelcast member), else
            // the provider's default
            javax.cache.CacheManager manager = ctx.getRegistry().findSingleByType(javax.cache.CacheManager.class);
            return manager != null ? JCacheResponseCache.open(manager, name, ttl) : JCacheResponseCache.open(name, ttl);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Option '" + OrchestrateComponent.PROPERTY_PREFIX
                    + "cache-store=jcache': the JCache cache '" + name + "' cannot be opened: " + e.getMessage(), e);
        }
    }

    ResponseCacheService service() {
        return service;
    }

    /** {@code orchestration.cache} by route, step and result (hit, miss, store, corrupt, unavailable). */
    void count(String route, String step, String result) {
        if (registry == null) {
            return;
        }
        counters.computeIfAbsent(route + '\u0000' + step + '\u0000' + result, k -> Counter.builder("orchestration.cache")
                .description("Response cache lookups and stores").tag("route", route).tag("step", step)
                .tag("result", result).register(registry)).increment();
    }

    /** What a hit saved: {@code orchestration.cache.tokens.saved} and {@code orchestration.cache.cost.saved}. */
    void saved(String route, String step, long tokens, double usd) {
        if (registry == null) {
            return;
        }
        if (tokens > 0) {
            counters.computeIfAbsent(route + '\u0000' + step + "\u0000tokens", k -> Counter.builder("orchestration.cache.tokens.saved")
                    .baseUnit("tokens").description("Tokens of the calls the response cache avoided")
                    .tag("route", route).tag("step", step).register(registry)).increment(tokens);
        }
        if (usd > 0) {
            counters.computeIfAbsent(route + '\u0000' + step + "\u0000usd", k -> Counter.builder("orchestration.cache.cost.saved")
                    .baseUnit("usd").description("USD of the calls the response cache avoided")
                    .tag("route", route).tag("step", step).register(registry)).increment(usd);
        }
    }

    void stop() {
        service.close();
        ExecutorServiceManager executors = ctx.getExecutorServiceManager();
        executors.shutdown(timer);
        executors.shutdown(resume);
        if (ownsStore) {
            try {
                service.store().close();
            } catch (RuntimeException e) {
                // closing a store that is down: nothing to keep
            }
        }
    }
}
