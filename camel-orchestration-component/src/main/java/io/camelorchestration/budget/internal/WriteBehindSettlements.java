package io.camelorchestration.budget.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.internal.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settlements written behind the steps that made them, in batches, by one thread per ledger.
 * <p>
 * A step's settlement is bookkeeping: its answer is already there, so the exchange should not wait a database round
 * trip for it, and settlements that arrive together are cheaper written together. Until a settlement is written its
 * reservation still counts in the store, so writing late never lets a limit be passed; what a step gives back comes
 * back a few milliseconds later.
 * <p>
 * Settlements that cannot be written (the store is down) are kept and written when it is back, so what was spent
 * during an outage is still booked, up to {@code capacity} waiting; past that a settlement fails at once like a
 * reservation would, and its reservation expires in the store.
 * <p>
 * Only this thread writes (and a flush asked for, or a settlement made while stopping): never the thread that made
 * the settlement, which is a delegate's completion thread. When the writer falls behind, the backlog waits in the
 * queue, bounded by {@code capacity}; the reservations still counted until it is written keep the limits.
 */
public final class WriteBehindSettlements implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindSettlements.class);
    /** Larger batches only make one statement longer: the store is not faster for them. */
    static final int MAX_BATCH = 512;
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    public record Settlement(String id, BudgetScope scope, long reserved, long spent) {
    }

    @FunctionalInterface
    public interface Writer {
        /** Writes the whole batch or, by throwing, none of it. */
        void write(List<Settlement> batch) throws Exception;
    }

    private final Writer writer;
    private final int capacity;
    private final long retryAfterNanos;
    private final ConcurrentLinkedQueue<Settlement> queue = new ConcurrentLinkedQueue<>();
    /** Settlements added and not yet written, queued or kept after a failure. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong failures = new AtomicLong();
    private final RateLimitedLog warnings = RateLimitedLog.everyMinute(LOG);
    /** Taken from the queue but not written yet: only touched while holding {@link #writing}. */
    private List<Settlement> unwritten = new ArrayList<>();
    private volatile long retryAt;
    private volatile Thread thread;
    private volatile boolean closed;

    public WriteBehindSettlements(Writer writer, int capacity, long retryAfterNanos) {
        this.writer = writer;
        this.capacity = capacity;
        this.retryAfterNanos = retryAfterNanos;
        // nanoTime may be negative: "no retry pending" has to be a time already passed, not 0
        this.retryAt = System.nanoTime();
    }

    public void add(Settlement s) {
        int n = waiting.incrementAndGet();
        if (n > capacity) {
            waiting.decrementAndGet();
            throw new BudgetStoreException("budget store unreachable: " + capacity
                    + " settlements are already waiting to be written; this one is dropped and its reservation expires", null);
        }
        queue.add(s);
        if (closed) {
            // a step that finishes while the component stops: the writer may be gone, nobody writes it later
            flush();
            return;
        }
        Thread t = thread;
        if (t == null) {
            t = start();
        }
        // cheap when the writer is busy: it only sets a permit
        LockSupport.unpark(t);
    }

    /**
     * Writes everything added so far on the calling thread; when this returns normally, every settlement added
     * before the call is in the store.
     *
     * @throws BudgetStoreException when the store cannot take them (they stay waiting)
     */
    public void flush() {
        Exception e = writeWaiting();
        if (e instanceof BudgetStoreException b) {
            throw b;
        }
        if (e != null) {
            throw new BudgetStoreException("budget store unreachable, " + waiting.get() + " settlements wait: " + e.getMessage(), e);
        }
    }

    /** The store answers again: what is kept is written now, not after the rest of {@code retryAfter}. */
    public void retryNow() {
        retryAt = System.nanoTime();
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Settlements not written yet. */
    public int waiting() {
        return waiting.get();
    }

    /** Batches that could not be written (each is retried). */
    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Exception e = writeWaiting();
        if (e != null) {
            LOG.warn("{} budget settlements could not be written before stopping ({}); their reservations expire in the store",
                    waiting.get(), e.getMessage());
        }
    }

    private synchronized Thread start() {
        if (thread == null) {
            Thread t = new Thread(this::run, "orchestrate-budget-settlements");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
        return thread;
    }

    private void run() {
        while (!closed) {
            long wait = retryAt - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            } else if (waiting.get() == 0) {
                LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
            } else {
                // a short linger gathers the settlements of concurrent steps into one batch: fewer statements for
                // the store to run, which is what limits a busy store, at the price of a few ms before a refund shows
                LockSupport.parkNanos(this, LINGER_NANOS);
                writeWaiting();
            }
        }
    }

    /** @return null when everything taken was written, else why not */
    private Exception writeWaiting() {
        writing.lock();
        try {
            while (true) {
                List<Settlement> batch = unwritten;
                unwritten = new ArrayList<>();
                Settlement s;
                while (batch.size() < MAX_BATCH && (s = queue.poll()) != null) {
                    batch.add(s);
                }
                if (batch.isEmpty()) {
                    return null;
                }
                try {
                    writer.write(batch);
                    waiting.addAndGet(-batch.size());
                } catch (Exception e) {
                    unwritten = batch;
                    retryAt = System.nanoTime() + retryAfterNanos;
                    failed(e);
                    return e;
                }
            }
        } finally {
            writing.unlock();
        }
    }

    private void failed(Exception e) {
        long n = failures.incrementAndGet();
        warnings.warn("Budget settlements kept for later, the store cannot take them: {} ({} waiting, {} failed writes so far;"
                + " logged at most once a minute)", e.getMessage(), waiting.get(), n);
    }
}
