package io.camelorchestration.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One delegate call in flight for a key, led by the first request that missed; identical requests that come while it
 * flies wait for its answer instead of calling too (no stampede). Each waiter is resumed exactly once: with the
 * answer when the leader lands one, with null when it lands none (the call failed, or its answer is not kept) or
 * when the wait bound runs out first, and then calls the delegate itself.
 */
public final class Flight {

    private final String key;
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean landed;
    private CachedAnswer answer;

    Flight(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    static final class Waiter {
        private final Consumer<CachedAnswer> then;
        private final AtomicBoolean resumed = new AtomicBoolean();

        Waiter(Consumer<CachedAnswer> then) {
            this.then = then;
        }

        /** @return whether this call resumed the waiter (false: it had been already) */
        boolean resume(CachedAnswer a) {
            if (!resumed.compareAndSet(false, true)) {
                return false;
            }
            then.accept(a);
            return true;
        }
    }

    /** @return the waiter, or null when the flight has landed already (then {@link #answer()} holds its answer) */
    synchronized Waiter join(Consumer<CachedAnswer> then) {
        if (landed) {
            return null;
        }
        Waiter w = new Waiter(then);
        waiters.add(w);
        return w;
    }

    /** @return the waiters to resume */
    synchronized List<Waiter> land(CachedAnswer a) {
        if (landed) {
            return List.of();
        }
        landed = true;
        answer = a;
        List<Waiter> all = new ArrayList<>(waiters);
        waiters.clear();
        return all;
    }

    synchronized int waiting() {
        return waiters.size();
    }

    synchronized CachedAnswer answer() {
        return answer;
    }
}
