package io.camelorchestration.budget;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The ledger calls a step waits for (reserve, and reading what is spent), bounded in time: a store that is slow or
 * hangs costs a step at most the timeout, after which the step follows {@link BudgetStorePolicy} at once as if the
 * store were down. The call itself goes on, on one of a few threads of its own: a reservation that is granted after
 * its step gave up waiting is released right away, so nothing stays held for a step that did not wait for it.
 * <p>
 * This is a bounded wait on the exchange's thread, not an asynchronous continuation: the thread is parked for up to
 * the timeout. While a call that outlived its timeout has not returned, the next steps do not wait at all: they are
 * told at once that the store is not answering (as the JDBC ledger marks a store down after a failure). When every
 * call thread is busy, a step does not queue either.
 */
final class TimedLedgerCalls implements AutoCloseable {

    /** Calls in flight at most; more means the store is not keeping up, and waiting would not help. */
    static final int MAX_CALLS = 32;

    private final BudgetLedger ledger;
    private final long timeoutNanos;
    private final ThreadPoolExecutor calls;
    private volatile boolean warm;
    /** Calls that outlived their timeout and have not returned yet: while there is one, the store is not answering. */
    private final java.util.concurrent.atomic.AtomicInteger stuck = new java.util.concurrent.atomic.AtomicInteger();

    TimedLedgerCalls(BudgetLedger ledger, Duration timeout) {
        this.ledger = ledger;
        this.timeoutNanos = timeout.toNanos();
        this.calls = new ThreadPoolExecutor(0, MAX_CALLS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "orchestrate-budget-reserve");
            t.setDaemon(true);
            return t;
        });
    }

    Reservation reserve(BudgetScope scope, long amount, long limit) {
        if (!warm) {
            return warmUp(() -> ledger.reserve(scope, amount, limit));
        }
        CompletableFuture<Reservation> f = submit(() -> ledger.reserve(scope, amount, limit));
        try {
            return f.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stuckUntilDone(f);
            // granted too late for a step that went its own way: give it back as soon as it is there
            f.thenAccept(r -> {
                if (r != null) {
                    try {
                        ledger.release(r);
                    } catch (RuntimeException ignored) {
                        // its reservation expires and is settled in the store
                    }
                }
            });
            throw timedOut(e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BudgetStoreException("budget store unreachable: interrupted while reserving", e);
        }
    }

    long spent(BudgetScope scope) {
        if (!warm) {
            return warmUp(() -> ledger.spent(scope));
        }
        CompletableFuture<Long> f = submit(() -> ledger.spent(scope));
        try {
            return f.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stuckUntilDone(f);
            throw timedOut(e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BudgetStoreException("budget store unreachable: interrupted while reading", e);
        }
    }

    /**
     * The first call after start-up creates the tables, opens the pool's first connection and loads the driver's
     * classes, which takes longer than any sensible bound: it is waited for (up to the ledger's own timeouts), so a
     * fresh instance does not send its first steps down the store-unavailable path.
     */
    private <T> T warmUp(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } finally {
            warm = true;
        }
    }

    private void stuckUntilDone(CompletableFuture<?> f) {
        stuck.incrementAndGet();
        f.whenComplete((r, t) -> stuck.decrementAndGet());
    }

    /** Whether an earlier call outlived its timeout and is still waiting for the store. */
    boolean stuck() {
        return stuck.get() > 0;
    }

    private <T> CompletableFuture<T> submit(java.util.function.Supplier<T> call) {
        if (stuck.get() > 0) {
            // the store has not answered an earlier call yet: the next one would wait the whole timeout as well
            throw new BudgetStoreException("budget store unreachable: an earlier call has had no answer for more than "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (budget-reserve-timeout)", null);
        }
        try {
            return CompletableFuture.supplyAsync(call, calls);
        } catch (RejectedExecutionException e) {
            throw new BudgetStoreException("budget store unreachable: " + MAX_CALLS + " calls already waiting for it", e);
        }
    }

    private BudgetStoreException timedOut(TimeoutException e) {
        return new BudgetStoreException("budget store unreachable: no answer within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (budget-reserve-timeout)", e);
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException r) {
            return r;
        }
        if (c instanceof Error err) {
            throw err;
        }
        return new BudgetStoreException("budget store unreachable: " + c, c);
    }

    @Override
    public void close() {
        calls.shutdown();
    }
}
