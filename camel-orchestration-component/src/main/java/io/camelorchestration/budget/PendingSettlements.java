package io.camelorchestration.budget;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.internal.Journal;
import io.camelorchestration.internal.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What steps spent without a reservation (the budget store was down when they reserved), kept in a local
 * {@link Journal} on disk until the ledger has booked it.
 * <p>
 * A step that ran unbooked leaves one entry per rule it drew on, under a settlement id unique to the step. A timer
 * thread (never the exchange's) books the entries through {@link BudgetLedger#book} and acknowledges each only once
 * the ledger has it, so a crash or restart loses none, and a retry after a doubt (the answer to a booking was lost)
 * never books twice: the ledger keeps the ids it booked. When the journal is full a settlement is refused at once,
 * never waited for: {@link #record} returns null and the {@link Listener} hears it (the component turns that into a
 * health DOWN, a meter and an audit event).
 * <p>
 * A step that is about to run unbooked is journalled <em>ahead</em> of its call, at its estimate ({@link #recordAhead}):
 * a process killed while the model answers leaves that upper bound for the next process to book, as a dead instance's
 * holds are settled at their reserved amount. While the step runs here its entries are not booked; when it is done
 * they are replaced by what it really spent ({@link #settle}) or removed ({@link #cancel}).
 */
public final class PendingSettlements implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PendingSettlements.class);
    /** Entries booked per pass of the timer. */
    static final int BATCH = 256;
    /** How often the timer looks for entries to book. */
    public static final long DRAIN_EVERY_MS = 100;

    /** Told when the journal refuses a settlement for its bound, and when it has room again. */
    public interface Listener {
        void full(PendingSettlements pending);

        default void accepting(PendingSettlements pending) {
        }
    }

    /** One rule's share of a step's unbooked spend: what the journal keeps (JSON). */
    public record Entry(String ruleId, String key, String windowStart, long amount) {
        BudgetScope scope() {
            return new BudgetScope(ruleId, key, Instant.parse(windowStart));
        }
    }

    private final Journal journal;
    private final BudgetLedger ledger;
    private final AtomicLong booked = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final RateLimitedLog warnings = RateLimitedLog.everyMinute(LOG);
    /** Settlement ids journalled ahead whose steps still run in this process: not booked until they are done. */
    private final java.util.Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Object timerLock = new Object();
    private volatile Listener listener;
    private ScheduledExecutorService timer;
    private boolean closed;

    private PendingSettlements(Path directory, String name, long maxBytes, BudgetLedger ledger) {
        this.ledger = ledger;
        this.journal = Journal.openFree(directory, name, maxBytes, Integer.MAX_VALUE, new Journal.Listener() {
            @Override
            public void full(Journal j, String refusedId) {
                Listener l = listener;
                if (l != null) {
                    l.full(PendingSettlements.this);
                }
            }
        });
    }

    /**
     * Opens the journal {@code name-1} in the directory, or the next free one (see {@link Journal#openFree}), and
     * books through the ledger what it holds once {@link #start started}.
     *
     * @param maxBytes bound on the journal's entries (their JSON), &gt; 0
     */
    public static PendingSettlements open(Path directory, String name, long maxBytes, BudgetLedger ledger) {
        return new PendingSettlements(directory, name, maxBytes, ledger);
    }

    public void listener(Listener l) {
        this.listener = l;
    }

    /**
     * Journals a step's unbooked spend, one entry per rule; {@code amounts[i]} goes with {@code scopes.get(i)}.
     *
     * @return the step's settlement id, or null when the journal is full (nothing was kept)
     */
    public String record(List<BudgetScope> scopes, long[] amounts) {
        return append(UUID.randomUUID().toString(), scopes, amounts);
    }

    /**
     * Journals the estimate of a step about to run unbooked, before its call: booked only if this process dies before
     * the step is {@link #settle settled} or {@link #cancel cancelled}.
     *
     * @return the step's settlement id, or null when the journal is full (nothing was kept)
     */
    public String recordAhead(List<BudgetScope> scopes, long[] estimates) {
        String id = UUID.randomUUID().toString();
        running.add(id);
        try {
            if (append(id, scopes, estimates) == null) {
                running.remove(id);
                return null;
            }
        } catch (RuntimeException | Error e) {
            // not journalled ahead after all (the journal's file failed): what may have gone in is taken out again and
            // the id is not left running, else its entries would wait, never booked, for a step that is not coming
            try {
                cancel(id, scopes.size());
            } catch (RuntimeException | Error again) {
                running.remove(id);
                e.addSuppressed(again);
            }
            throw e;
        }
        return id;
    }

    /** What a step journalled ahead really spent: replaces the estimate, and the entries may be booked now. */
    public void settle(String id, List<BudgetScope> scopes, long[] amounts) {
        try {
            for (int i = 0; i < scopes.size(); i++) {
                BudgetScope s = scopes.get(i);
                // a refusal (the journal is full) keeps the estimate: an upper bound, still booked
                journal.append(id + "." + i, new Entry(s.ruleId(), s.key(), s.windowStart().toString(), amounts[i]));
            }
        } finally {
            running.remove(id);
        }
    }

    /** A step journalled ahead that spent nothing after all (it never called, or its call failed). */
    public void cancel(String id, int entries) {
        try {
            List<String> ids = new ArrayList<>(entries);
            for (int i = 0; i < entries; i++) {
                ids.add(id + "." + i);
            }
            journal.ack(ids);
        } finally {
            running.remove(id);
        }
    }

    private String append(String id, List<BudgetScope> scopes, long[] amounts) {
        for (int i = 0; i < scopes.size(); i++) {
            BudgetScope s = scopes.get(i);
            if (!journal.append(id + "." + i, new Entry(s.ruleId(), s.key(), s.windowStart().toString(), amounts[i]))) {
                // all or nothing for the step: what went in before the bound stays out too
                for (int j = 0; j < i; j++) {
                    journal.ack(id + "." + j);
                }
                refused.incrementAndGet();
                return null;
            }
        }
        return id;
    }

    /**
     * Books what waits, oldest id first, until the journal is empty or the ledger refuses (the store is still down).
     *
     * @return entries booked
     */
    public int drain() {
        int n = 0;
        while (true) {
            // asked entry by entry while reading, never once before: a step that journals ahead while this reads
            // is in running before its entries are in the journal
            List<Journal.Entry> batch = journal.peek(BATCH,
                    entry -> !running.contains(entry.substring(0, entry.lastIndexOf('.'))));
            if (batch.isEmpty()) {
                return n;
            }
            List<BudgetLedger.Booking> bookings = new ArrayList<>(batch.size());
            List<String> ids = new ArrayList<>(batch.size());
            for (Journal.Entry e : batch) {
                Entry s = e.as(Entry.class);
                bookings.add(new BudgetLedger.Booking(e.id(), s.scope(), s.amount()));
                ids.add(e.id());
            }
            try {
                ledger.book(bookings);
            } catch (BudgetStoreException ex) {
                logAtMostOnceAMinute(ex);
                return n;
            }
            journal.ack(ids);
            booked.addAndGet(ids.size());
            n += ids.size();
        }
    }

    /** Starts the timer that books what waits (what a predecessor left in the journal as well); idempotent. */
    public void start() {
        synchronized (timerLock) {
            if (timer != null || closed) {
                return;
            }
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "orchestrate-budget-pending");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::drainQuietly, 0, DRAIN_EVERY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void drainQuietly() {
        try {
            if (journal.size() > 0) {
                boolean wasFull = journal.isFull();
                drain();
                Listener l = listener;
                if (wasFull && !journal.isFull() && l != null) {
                    l.accepting(this);
                }
            }
        } catch (RuntimeException e) {
            logAtMostOnceAMinute(e);
        }
    }

    /** Settlements waiting in the journal (entries, one per rule of a step). */
    public int waiting() {
        return journal.size();
    }

    /** Whether the journal refused a settlement for its bound and has not had room since. */
    public boolean full() {
        return journal.isFull();
    }

    /** Entries booked by this instance. */
    public long booked() {
        return booked.get();
    }

    /** Steps whose spend the journal refused (full): never booked. */
    public long refused() {
        return refused.get();
    }

    public Journal journal() {
        return journal;
    }

    /** Stops the timer after a last pass, and closes the journal (what is not booked stays in it for the next start). */
    @Override
    public void close() {
        synchronized (timerLock) {
            closed = true;
            if (timer != null) {
                timer.shutdown();
                try {
                    timer.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        drainQuietly();
        journal.close();
    }

    private void logAtMostOnceAMinute(RuntimeException e) {
        warnings.warn("{} pending budget settlements wait for the store: {} (logged at most once a minute)", journal.size(),
                e.getMessage());
    }
}
