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

    /** Replaces the reservation with what was really spent (more or less than reserved). */
    void commit(Reservation reservation, long actualAmount);

    /** Gives the reservation back, spending nothing. */
    void release(Reservation reservation);

    /** Committed plus still reserved in the scope. */
    long spent(BudgetScope scope);
}
