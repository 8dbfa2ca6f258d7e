package io.camelorchestration.budget;

/**
 * The memory ledger with a hook before every operation, for tests that watch what reaches the ledger or make it
 * fail: the hook sees the operation ({@code reserve}, {@code commit}, {@code release}, {@code spent}) and the scope,
 * and may throw.
 */
public class InterceptedLedger implements BudgetLedger {

    @FunctionalInterface
    public interface Hook {
        void before(String operation, BudgetScope scope);
    }

    private final InMemoryBudgetLedger memory = new InMemoryBudgetLedger();
    private final Hook hook;

    public InterceptedLedger(Hook hook) {
        this.hook = hook;
    }

    protected InterceptedLedger() {
        this.hook = null;
    }

    /** Called before every operation; by default the hook given to the constructor. */
    protected void before(String operation, BudgetScope scope) {
        if (hook != null) {
            hook.before(operation, scope);
        }
    }

    @Override
    public Reservation reserve(BudgetScope scope, long amount, long limit) {
        before("reserve", scope);
        return memory.reserve(scope, amount, limit);
    }

    @Override
    public void commit(Reservation reservation, long actualAmount) {
        before("commit", reservation.scope());
        memory.commit(reservation, actualAmount);
    }

    @Override
    public void release(Reservation reservation) {
        before("release", reservation.scope());
        memory.release(reservation);
    }

    @Override
    public long spent(BudgetScope scope) {
        before("spent", scope);
        return memory.spent(scope);
    }
}
