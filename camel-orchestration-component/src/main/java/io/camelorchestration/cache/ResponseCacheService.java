package io.camelorchestration.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.camelorchestration.cache.internal.CachedAnswerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response cache in front of a {@link ResponseCache} store: reads and checks entries (expired or corrupt ones
 * are dropped), keeps the answers worth keeping, and lets only one call per key fly at a time in this JVM. A store
 * that fails is a miss, never an error for the caller.
 */
public final class ResponseCacheService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseCacheService.class);

    /** What a lookup found. */
    public sealed interface Lookup permits Hit, Lead, Follow {
    }

    /** An answer to serve. */
    public record Hit(CachedAnswer answer) implements Lookup {
    }

    /** No answer: call the delegate, then {@link #land} the flight (always, answer or not). */
    public record Lead(Flight flight) implements Lookup {
    }

    /** An identical call is in flight: {@link #await} its answer. */
    public record Follow(Flight flight) implements Lookup {
    }

    private final ResponseCache store;
    private final Clock clock;
    private final Duration ttl;
    private final Duration waitBound;
    private final ScheduledExecutorService timer;
    private final Executor resume;
    private final Map<String, Flight> flights = new ConcurrentHashMap<>();

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stores = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private final LongAdder storeErrors = new LongAdder();
    private final LongAdder waitTimeouts = new LongAdder();

    /**
     * @param timer  fires the wait bound of followers
     * @param resume runs resumed followers (never the leader's thread, which has its own exchange to finish)
     */
    public ResponseCacheService(ResponseCache store, Clock clock, Duration ttl, Duration waitBound,
            ScheduledExecutorService timer, Executor resume) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
        this.waitBound = waitBound;
        this.timer = timer;
        this.resume = resume;
    }

    public Lookup lookup(String key) {
        CachedAnswer a = read(key);
        if (a != null) {
            hits.increment();
            return new Hit(a);
        }
        Flight mine = new Flight(key);
        Flight current = flights.putIfAbsent(key, mine);
        if (current != null) {
            return new Follow(current);
        }
        // an identical call may have landed between the read and the flight: look once more before calling
        a = read(key);
        if (a != null) {
            land(mine, null);
            hits.increment();
            return new Hit(a);
        }
        misses.increment();
        return new Lead(mine);
    }

    /**
     * Waits, without a thread, for the flight's answer: {@code then} runs on the resume executor with the answer, or
     * with null (nothing landed, or the wait bound ran out: call the delegate yourself).
     */
    public void await(Flight flight, Consumer<CachedAnswer> then) {
        Consumer<CachedAnswer> counted = answer -> {
            if (answer != null) {
                hits.increment();
            } else {
                misses.increment();
            }
            then.accept(answer);
        };
        Flight.Waiter w = flight.join(counted);
        if (w == null) {
            CachedAnswer landed = flight.answer();
            resume.execute(() -> counted.accept(landed));
            return;
        }
        timer.schedule(() -> resume.execute(() -> {
            if (w.resume(null)) {
                waitTimeouts.increment();
            }
        }), waitBound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Ends a flight: keeps {@code answer} when there is one (the store failing only loses it) and hands it to the
     * waiters. Null: nothing worth keeping; the waiters call themselves.
     */
    public void land(Flight flight, CachedAnswer answer) {
        flights.remove(flight.key(), flight);
        for (Flight.Waiter w : flight.land(answer)) {
            resume.execute(() -> w.resume(answer));
        }
    }

    /**
     * Keeps an answer (then {@link #land} the flight, if this call led one).
     *
     * @return false when the store failed: the answer is not kept
     */
    public boolean store(String key, CachedAnswer answer) {
        try {
            store.put(key, CachedAnswerCodec.encode(key, answer), ttl);
            stores.increment();
            return true;
        } catch (RuntimeException e) {
            storeErrors.increment();
            LOG.debug("Response cache store failed on put: the answer is not kept", e);
            return false;
        }
    }

    /** When an answer stored now expires. */
    public long expiresAt(long storedAt) {
        return storedAt + ttl.toMillis();
    }

    public long now() {
        return clock.millis();
    }

    private CachedAnswer read(String key) {
        byte[] entry;
        try {
            entry = store.get(key);
        } catch (RuntimeException e) {
            storeErrors.increment();
            LOG.debug("Response cache store failed on get: a miss", e);
            return null;
        }
        if (entry == null) {
            return null;
        }
        CachedAnswer a;
        try {
            a = CachedAnswerCodec.decode(key, entry);
        } catch (CachedAnswerCodec.CorruptEntryException e) {
            corrupt.increment();
            LOG.debug("Response cache entry dropped: {}", e.getMessage());
            drop(key);
            return null;
        }
        if (a.expired(clock.millis())) {
            drop(key);
            return null;
        }
        return a;
    }

    private void drop(String key) {
        try {
            store.remove(key);
        } catch (RuntimeException e) {
            storeErrors.increment();
            LOG.debug("Response cache store failed on remove", e);
        }
    }

    /** Requests now waiting for a call in flight. */
    public int waiting() {
        int n = 0;
        for (Flight f : flights.values()) {
            n += f.waiting();
        }
        return n;
    }

    public ResponseCache store() {
        return store;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long stores() {
        return stores.sum();
    }

    public long corrupt() {
        return corrupt.sum();
    }

    public long storeErrors() {
        return storeErrors.sum();
    }

    public long waitTimeouts() {
        return waitTimeouts.sum();
    }

    /** Lands every flight without an answer, so that nobody waits on a stopped service. */
    @Override
    public void close() {
        for (Flight f : flights.values()) {
            land(f, null);
        }
    }
}
