package io.camelorchestration.budget;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default ledger: one JVM, exact under concurrency, lost on restart.
 * <p>
 * Accounts of windows that are over (a newer window of the same rule and key has started) are dropped once
 * nothing is reserved on them any more, at most once a minute, so a long-running JVM with minute or hour budgets
 * does not keep one account per key per window forever.
 */
public final class InMemoryBudgetLedger implements BudgetLedger {

    private static final long PURGE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Map<BudgetScope, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Instant> latestWindow = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong lastPurge = new AtomicLong(System.nanoTime());

    @Override
    public Reservation reserve(BudgetScope scope, long amount, long limit) {
        purgeIfDue();
        latestWindow.merge(scope.ruleId() + '\0' + scope.key(), scope.windowStart(),
                (a, b) -> a.isAfter(b) ? a : b);
        Account a = accounts.computeIfAbsent(scope, s -> new Account());
        long total;
        synchronized (a) {
            if (a.committed + a.reserved + amount > limit) {
                return null;
            }
            a.reserved += amount;
            total = a.committed + a.reserved;
        }
        return new Reservation(Long.toString(ids.incrementAndGet()), scope, amount, total);
    }

    @Override
    public void commit(Reservation r, long actualAmount) {
        Account a = accounts.computeIfAbsent(r.scope(), s -> new Account());
        synchronized (a) {
            a.reserved -= r.amount();
            a.committed += actualAmount;
        }
    }

    @Override
    public void release(Reservation r) {
        Account a = accounts.get(r.scope());
        if (a != null) {
            synchronized (a) {
                a.reserved -= r.amount();
            }
        }
    }

    @Override
    public long spent(BudgetScope scope) {
        Account a = accounts.get(scope);
        if (a == null) {
            return 0;
        }
        synchronized (a) {
            return a.committed + a.reserved;
        }
    }

    /** Accounts held: for tests and monitoring. */
    public int accounts() {
        return accounts.size();
    }

    /** Drops the accounts of past windows that hold no reservation; runs by itself at most once a minute. */
    public void purgePastWindows() {
        accounts.entrySet().removeIf(e -> {
            BudgetScope s = e.getKey();
            Instant latest = latestWindow.get(s.ruleId() + '\0' + s.key());
            if (latest == null || !s.windowStart().isBefore(latest)) {
                return false;
            }
            Account a = e.getValue();
            synchronized (a) {
                // a settlement arriving later re-creates a small account of the past window, dropped next time
                return a.reserved <= 0;
            }
        });
    }

    private void purgeIfDue() {
        long now = System.nanoTime();
        long last = lastPurge.get();
        if (now - last >= PURGE_EVERY_NANOS && lastPurge.compareAndSet(last, now)) {
            purgePastWindows();
        }
    }

    private static final class Account {
        long committed;
        long reserved;
    }
}
