package io.camelorchestration.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Items written behind the threads that add them, in batches, by one daemon thread of the caller's name: the JDBC
 * ledger's settlements and the JDBC audit trail's events.
 * <p>
 * A batch that fails is kept and tried again after a pause that doubles from {@code backoff}'s first value up to its
 * longest (both the same: a fixed pause), so nothing added is lost while the database is down, up to
 * {@code capacity} waiting; past that {@link #add} refuses the item and the caller says what that means (a dropped
 * event, a settlement whose reservation expires). The caller's batch function writes the whole batch or, by throwing,
 * none of it, so it must be idempotent: a batch whose commit's answer was lost is written again.
 * <p>
 * The settings differ where the two writers always did, and are set before the first {@link #add}:
 * <ul>
 * <li>{@link #linger}: settlements wait 2 ms to gather concurrent steps' into one statement; audit events do not.</li>
 * <li>{@link #boundQueuedOnly}: by default {@code capacity} bounds everything not yet written and a kept batch is
 * topped up from the queue when tried again, as if it were still queued; the audit trail bounds only what is queued,
 * a batch taken out being retried as it was.</li>
 * <li>{@link #drainOnClose}: by default {@link #close} stops the thread after the write under way and the caller
 * writes what is left ({@link #flush}); the audit trail gives the thread a while to write all, retrying, and then
 * interrupts it, because only that thread may talk to its database.</li>
 * <li>{@link #backlog}: items from elsewhere (a dead process's journal) written before the queue, not counted in
 * the capacity.</li>
 * </ul>
 * Only one batch is written at a time, by the thread or by a {@link #flush} on the caller's thread.
 */
public final class BatchingWriter<T> {

    /** How long {@link #close} waits, without {@link #drainOnClose}, for the write under way. */
    private static final long STOP_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(5);
    /** After {@link #drainOnClose}'s time is up the thread is interrupted and given this to end. */
    private static final long INTERRUPTED_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(1);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    @FunctionalInterface
    public interface Batch<T> {
        /** Writes the whole batch or, by throwing, none of it. */
        void write(List<T> batch) throws Exception;
    }

    private final String threadName;
    private final int capacity;
    private final int maxBatch;
    private final Batch<T> write;
    private long lingerNanos;
    private long firstBackoffNanos;
    private long maxBackoffNanos;
    private boolean boundQueuedOnly;
    private long drainNanos = -1;
    private Consumer<Throwable> onFailure = e -> { };
    /** Set before the thread starts; asked for batches and cleared only while holding {@link #writing}. */
    private volatile Supplier<List<T>> backlog;

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    /** Items added (or taken from the backlog) and not yet written, queued or kept after a failure. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Items in the queue: what {@code capacity} bounds under {@link #boundQueuedOnly}. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final ReentrantLock writing = new ReentrantLock();
    /** Taken and not written yet: only touched while holding {@link #writing}. */
    private List<T> kept = new ArrayList<>();
    private long backoffNanos;
    private volatile long retryAt;
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * @param threadName the writer thread's name (docs/architecture.md lists them)
     * @param capacity   items that may wait to be written; beyond it {@link #add} refuses
     * @param maxBatch   items per call of {@code write}
     * @param write      writes a batch, all or nothing
     */
    public BatchingWriter(String threadName, int capacity, int maxBatch, Batch<T> write) {
        if (capacity <= 0 || maxBatch <= 0) {
            throw new IllegalArgumentException("capacity and maxBatch must be positive");
        }
        this.threadName = threadName;
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.write = write;
        // nanoTime may be negative: "no retry pending" has to be a time already passed, not 0
        this.retryAt = System.nanoTime();
    }

    /** How long the thread waits, once something is queued, for more to join the batch. */
    public BatchingWriter<T> linger(Duration linger) {
        this.lingerNanos = linger.toNanos();
        return this;
    }

    /** The pause after a failed batch: {@code first}, doubled after each further failure up to {@code max}. */
    public BatchingWriter<T> backoff(Duration first, Duration max) {
        this.firstBackoffNanos = first.toNanos();
        this.maxBackoffNanos = max.toNanos();
        this.backoffNanos = firstBackoffNanos;
        return this;
    }

    /** {@code capacity} bounds the queue only, and a batch taken out of it is retried as it was. */
    public BatchingWriter<T> boundQueuedOnly() {
        this.boundQueuedOnly = true;
        return this;
    }

    /** On {@link #close} the thread keeps writing (and retrying) for up to {@code timeout}, then is interrupted. */
    public BatchingWriter<T> drainOnClose(Duration timeout) {
        this.drainNanos = timeout.toNanos();
        return this;
    }

    /** Told of each failed batch, after {@link #failures()} counted it; the batch is kept and retried. */
    public BatchingWriter<T> onFailure(Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
        return this;
    }

    /**
     * Batches to write before the queue, asked for whenever no batch is kept, until it returns an empty list. Set
     * before {@link #start}.
     */
    public BatchingWriter<T> backlog(Supplier<List<T>> backlog) {
        this.backlog = backlog;
        return this;
    }

    /**
     * Queues an item for the thread (started with the first one). After {@link #close} the item is queued and nobody
     * writes it but a {@link #flush}.
     *
     * @return false when {@code capacity} items already wait: the item is not queued
     */
    public boolean add(T item) {
        if (boundQueuedOnly) {
            if (queued.incrementAndGet() > capacity) {
                queued.decrementAndGet();
                return false;
            }
            waiting.incrementAndGet();
        } else if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            return false;
        }
        queue.add(item);
        if (closed) {
            return true;
        }
        Thread t = thread;
        if (t == null) {
            t = start();
        }
        // cheap when the writer is busy: it only sets a permit
        LockSupport.unpark(t);
        return true;
    }

    /** Starts the thread, unless it runs or the writer is closed; {@link #add} does when needed. */
    public synchronized Thread start() {
        if (thread == null && !closed) {
            Thread t = new Thread(this::run, threadName);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
        return thread;
    }

    /**
     * Writes everything added so far on the calling thread, whatever pause a failure asked for.
     *
     * @return null when every item added before the call is written, else why not (what failed stays waiting)
     */
    public Throwable flush() {
        return writeWaiting(false);
    }

    /** The database answers again: what is kept is written now, not after the rest of the pause. */
    public void retryNow() {
        retryAt = System.nanoTime();
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Items not written yet: queued, kept after a failure, or taken from the backlog and being written. */
    public int waiting() {
        return waiting.get();
    }

    /** Batches that could not be written (each is retried). */
    public long failures() {
        return failures.get();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the thread: after the write under way (waiting up to 5 s for it), or with {@link #drainOnClose} once
     * everything is written or its time is up.
     *
     * @return false when the thread was still writing when given up on
     */
    public boolean close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        if (t == null) {
            return true;
        }
        LockSupport.unpark(t);
        join(t, drainNanos >= 0 ? TimeUnit.NANOSECONDS.toMillis(drainNanos) : STOP_WAIT_MILLIS);
        if (!t.isAlive()) {
            return true;
        }
        if (drainNanos >= 0) {
            t.interrupt();
            join(t, INTERRUPTED_WAIT_MILLIS);
        }
        return false;
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            if (closed && (drainNanos < 0 || waiting.get() == 0)) {
                return;
            }
            long wait = retryAt - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            } else if (waiting.get() == 0 && backlog == null) {
                LockSupport.parkNanos(this, IDLE_NANOS);
            } else {
                if (lingerNanos > 0) {
                    LockSupport.parkNanos(this, lingerNanos);
                }
                writeWaiting(true);
            }
        }
    }

    /** @return null when everything taken was written, else why not */
    private Throwable writeWaiting(boolean writerThread) {
        writing.lock();
        try {
            while (true) {
                if (writerThread && Thread.currentThread().isInterrupted()) {
                    return null;
                }
                List<T> batch = kept;
                kept = new ArrayList<>();
                if (batch.isEmpty() && backlog != null) {
                    List<T> b = backlog.get();
                    if (b.isEmpty()) {
                        backlog = null;
                    } else {
                        batch.addAll(b);
                        waiting.addAndGet(b.size());
                    }
                }
                if (batch.isEmpty() || !boundQueuedOnly) {
                    T item;
                    while (batch.size() < maxBatch && (item = queue.poll()) != null) {
                        batch.add(item);
                        if (boundQueuedOnly) {
                            queued.decrementAndGet();
                        }
                    }
                }
                if (batch.isEmpty()) {
                    return null;
                }
                try {
                    write.write(batch);
                    waiting.addAndGet(-batch.size());
                    backoffNanos = firstBackoffNanos;
                } catch (VirtualMachineError e) {
                    kept = batch;
                    throw e;
                } catch (Throwable e) {
                    // anything else, including the AssertionError some drivers raise when a connection dies
                    // mid-batch under -ea, is the database being away: the batch is kept and the writer outlives it
                    kept = batch;
                    retryAt = System.nanoTime() + backoffNanos;
                    backoffNanos = Math.min(backoffNanos * 2, maxBackoffNanos);
                    failures.incrementAndGet();
                    onFailure.accept(e);
                    return e;
                }
            }
        } finally {
            writing.unlock();
        }
    }
}
