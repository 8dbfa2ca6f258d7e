package io.camelorchestration.budget;

/**
 * Where cumulative budgets live. Each call is atomic: two instances on one store never both get the last tokens.
 * Implementations: {@link InMemoryBudgetLedger} (one JVM) and a JDBC ledger (several instances on one database).
 */
public interface BudgetLedger {

    /**
     * Holds {@code amount} against {@code limit} in the scope.
     *
     * @return the reservation, or null when committed + reserved + amount would pass the limit
     */
    Reservation reserve(BudgetScope scope, long amount, long limit);

    /**
     * Replaces the reservation with what was really spent (more or less than reserved). A ledger may write this
     * behind, after the call returns: until then the reservation still counts, so a limit is never passed by it.
     */
    void commit(Reservation reservation, long actualAmount);

    /** Gives the reservation back, spending nothing; may be written behind like {@link #commit}. */
    void release(Reservation reservation);

    /** Committed plus still reserved in the scope, including this instance's settlements not yet written. */
    long spent(BudgetScope scope);

    /**
     * Writes the settlements this ledger holds back, now. Called when the component stops; a ledger that writes
     * every settlement at once has nothing to do.
     */
    default void flush() {
    }
}
