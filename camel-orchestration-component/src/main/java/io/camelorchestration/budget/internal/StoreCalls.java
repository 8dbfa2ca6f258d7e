package io.camelorchestration.budget.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.budget.BudgetStorePolicy;

/**
 * Work that talks to a budget store which can be slow or down (reserving a step's budgets), run on a few threads of
 * its own and bounded in time, so that no step's thread waits for the store: the caller gets a future and goes on
 * when it completes. Past the timeout the future fails with a {@link BudgetStoreException} and the step follows
 * {@link BudgetStorePolicy} at once; the work itself goes on, and what it got when it is done late (a reservation
 * nobody waited for) is handed to an undo, so nothing stays held for a step that went its own way.
 * <p>
 * While work that outlived its timeout has not returned, the next calls fail at once instead of waiting the whole
 * timeout too (as the JDBC ledger marks a store down after a failure). When every thread is busy a call does not
 * queue either. The first call after start-up is not bounded: it creates the tables, opens the first connection and
 * loads the driver, which takes longer than any sensible bound.
 */
public final class StoreCalls implements AutoCloseable {

    /** Calls in flight at most; more means the store is not keeping up, and waiting would not help. */
    static final int MAX_CALLS = 32;

    private final long timeoutNanos;
    private final ThreadPoolExecutor calls;
    private final ScheduledThreadPoolExecutor timer;
    private volatile boolean warm;
    /** Calls that outlived their timeout and have not returned yet: while there is one, the store is not answering. */
    private final AtomicInteger stuck = new AtomicInteger();

    public StoreCalls(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.calls = new ThreadPoolExecutor(0, MAX_CALLS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "orchestrate-budget-store");
            t.setDaemon(true);
            return t;
        });
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "orchestrate-budget-store-timeout");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code work} off the caller's thread.
     *
     * @param late given what the work returned (or threw) when it was done after its future had already failed on the
     *        timeout
     * @return completes with what the work returned or threw, or with a {@link BudgetStoreException} on the timeout,
     *         when an earlier call is still without an answer, or when all threads are busy
     */
    public <T> CompletableFuture<T> call(Supplier<T> work, BiConsumer<? super T, ? super Throwable> late) {
        if (stuck.get() > 0) {
            // the store has not answered an earlier call yet: this one would wait the whole timeout as well
            return CompletableFuture.failedFuture(new BudgetStoreException("budget store unreachable: an earlier call has"
                    + " had no answer for more than " + millis() + " ms (budget-reserve-timeout)", null));
        }
        CompletableFuture<T> running;
        try {
            running = CompletableFuture.supplyAsync(work, calls);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(
                    new BudgetStoreException("budget store unreachable: " + MAX_CALLS + " calls already waiting for it", e));
        }
        if (!warm) {
            return running.whenComplete((r, t) -> warm = true);
        }
        CompletableFuture<T> bounded = new CompletableFuture<>();
        ScheduledFuture<?> timeout = timer.schedule(() -> {
            if (bounded.completeExceptionally(new BudgetStoreException("budget store unreachable: no answer within "
                    + millis() + " ms (budget-reserve-timeout)", null))) {
                stuck.incrementAndGet();
                running.whenComplete((r, t) -> {
                    stuck.decrementAndGet();
                    late.accept(r, t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
                });
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        running.whenComplete((r, t) -> {
            timeout.cancel(false);
            if (t == null) {
                bounded.complete(r);
            } else {
                bounded.completeExceptionally(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
            }
        });
        return bounded;
    }

    /** Whether an earlier call outlived its timeout and is still waiting for the store. */
    boolean stuck() {
        return stuck.get() > 0;
    }

    private long millis() {
        return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    }

    @Override
    public void close() {
        calls.shutdown();
        timer.shutdownNow();
    }
}
