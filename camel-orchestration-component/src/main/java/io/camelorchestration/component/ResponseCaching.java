package io.camelorchestration.component;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
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

    static ResponseCaching create(OrchestrateComponent c, MeterRegistry registry) {
        String prefix = OrchestrateComponent.PROPERTY_PREFIX;
        if (c.getCacheTtl() <= 0) {
            throw new IllegalArgumentException("Invalid value '" + c.getCacheTtl() + "' for option '" + prefix
                    + "cache-ttl'; allowed values: a positive duration, e.g. 1h, 30m or 600000 (milliseconds)");
        }
        if (c.getCacheMaxEntries() <= 0) {
            throw new IllegalArgumentException("Invalid value '" + c.getCacheMaxEntries() + "' for option '" + prefix
                    + "cache-max-entries'; allowed values: a positive number of entries");
        }
        if (c.getCacheWaitTimeout() < 0) {
            throw new IllegalArgumentException("Invalid value '" + c.getCacheWaitTimeout() + "' for option '" + prefix
                    + "cache-wait-timeout'; allowed values: a duration >= 0, e.g. 30s");
        }
        Duration ttl = Duration.ofMillis(c.getCacheTtl());
        Clock clk = c.cacheClock();
        ResponseCache store;
        boolean owns = true;
        String kind = c.getCacheStore() == null ? "local" : c.getCacheStore().trim().toLowerCase(Locale.ROOT);
        if (c.getResponseCache() != null) {
            store = c.getResponseCache();
            owns = false;
        } else if (kind.equals("local")) {
            store = ResponseCache.local(c.getCacheMaxEntries(), () -> clk.millis() * 1_000_000L);
        } else if (kind.equals("jcache")) {
            store = jcache(c, ttl);
        } else {
            throw new IllegalArgumentException("Invalid value '" + c.getCacheStore() + "' for option '" + prefix
                    + "cache-store'; allowed values: local, jcache");
        }
        CamelContext ctx = c.getCamelContext();
        ExecutorServiceManager executors = ctx.getExecutorServiceManager();
        ScheduledExecutorService timer = executors.newSingleThreadScheduledExecutor(c, "OrchestrateCacheWait");
        ExecutorService resume = executors.newCachedThreadPool(c, "OrchestrateCacheResume");
        ResponseCacheService service = new ResponseCacheService(store, clk, ttl,
                Duration.ofMillis(c.getCacheWaitTimeout()), timer, resume);
        return new ResponseCaching(ctx, service, owns, timer, resume, registry);
    }

    private static ResponseCache jcache(OrchestrateComponent c, Duration ttl) {
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
            javax.cache.CacheManager manager = c.getCamelContext().getRegistry().findSingleByType(javax.cache.CacheManager.class);
            return manager != null ? JCacheResponseCache.open(manager, c.getCacheName(), ttl)
                    : JCacheResponseCache.open(c.getCacheName(), ttl);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Option '" + OrchestrateComponent.PROPERTY_PREFIX
                    + "cache-store=jcache': the JCache cache '" + c.getCacheName() + "' cannot be opened: " + e.getMessage(), e);
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
