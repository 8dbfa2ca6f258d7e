package io.camelorchestration.budget.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.internal.BatchingWriter;
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

    /**
     * @param inDoubt a give-back of a reservation whose answer was lost: the store may not have taken it yet, so its
     *                writer must also keep the store from taking it later (see {@code JdbcBudgetLedger#reserve})
     */
    public record Settlement(String id, BudgetScope scope, long reserved, long spent, boolean inDoubt) {

        public Settlement(String id, BudgetScope scope, long reserved, long spent) {
            this(id, scope, reserved, spent, false);
        }
    }

    @FunctionalInterface
    public interface Writer {
        /** Writes the whole batch or, by throwing, none of it. */
        void write(List<Settlement> batch) throws Exception;
    }

    private final int capacity;
    private final RateLimitedLog warnings = RateLimitedLog.everyMinute(LOG);
    private final BatchingWriter<Settlement> writer;

    public WriteBehindSettlements(Writer writer, int capacity, long retryAfterNanos) {
        this.capacity = capacity;
        Duration retryAfter = Duration.ofNanos(retryAfterNanos);
        // a short linger gathers the settlements of concurrent steps into one batch: fewer statements for the store
        // to run, which is what limits a busy store, at the price of a few ms before a refund shows
        this.writer = new BatchingWriter<Settlement>("orchestrate-budget-settlements", capacity, MAX_BATCH, writer::write)
                .linger(Duration.ofNanos(LINGER_NANOS))
                .backoff(retryAfter, retryAfter)
                .onFailure(this::failed);
    }

    public void add(Settlement s) {
        if (!writer.add(s)) {
            throw new BudgetStoreException("budget store unreachable: " + capacity
                    + " settlements are already waiting to be written; this one is dropped and its reservation expires", null);
        }
        if (writer.isClosed()) {
            // a step that finishes while the component stops: the writer may be gone, nobody writes it later
            flush();
        }
    }

    /**
     * Writes everything added so far on the calling thread; when this returns normally, every settlement added
     * before the call is in the store.
     *
     * @throws BudgetStoreException when the store cannot take them (they stay waiting)
     */
    public void flush() {
        Throwable e = writer.flush();
        if (e instanceof BudgetStoreException b) {
            throw b;
        }
        if (e != null) {
            throw new BudgetStoreException("budget store unreachable, " + writer.waiting() + " settlements wait: " + e.getMessage(), e);
        }
    }

    /** The store answers again: what is kept is written now, not after the rest of {@code retryAfter}. */
    public void retryNow() {
        writer.retryNow();
    }

    /** Settlements not written yet. */
    public int waiting() {
        return writer.waiting();
    }

    /** Batches that could not be written (each is retried). */
    public long failures() {
        return writer.failures();
    }

    @Override
    public void close() {
        writer.close();
        Throwable e = writer.flush();
        if (e != null) {
            LOG.warn("{} budget settlements could not be written before stopping ({}); their reservations expire in the store",
                    writer.waiting(), e.getMessage());
        }
    }

    private void failed(Throwable e) {
        warnings.warn("Budget settlements kept for later, the store cannot take them: {} ({} waiting, {} failed writes so far;"
                + " logged at most once a minute)", e.getMessage(), writer.waiting(), writer.failures());
    }
}
