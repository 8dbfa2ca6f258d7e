package io.camelorchestration.budget;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default ledger: one JVM, exact under concurrency, lost on restart.
 */
public final class InMemoryBudgetLedger implements BudgetLedger {

    private final Map<BudgetScope, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public Reservation reserve(BudgetScope scope, long amount, long limit) {
        Account a = accounts.computeIfAbsent(scope, s -> new Account());
        synchronized (a) {
            if (a.committed + a.reserved + amount > limit) {
                return null;
            }
            a.reserved += amount;
        }
        return new Reservation(Long.toString(ids.incrementAndGet()), scope, amount);
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

    private static final class Account {
        long committed;
        long reserved;
    }
}
