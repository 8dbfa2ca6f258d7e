package io.camelorchestration.budget;

import java.util.List;

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

    /**
     * Books amounts spent without a reservation (the store was down when the steps reserved), each at most once per
     * id: a ledger keeps the ids it booked, so a retry after a lost answer never books twice. Called off the
     * exchanges' threads by {@link PendingSettlements}. The default reserves over any limit and commits, which books
     * a retried id again: a ledger of your own that can be down should override it.
     *
     * @throws BudgetStoreException when the store cannot take them (none of the batch, or only some, are booked; the
     *                              caller retries them all)
     */
    default void book(List<Booking> bookings) {
        for (Booking b : bookings) {
            Reservation r = reserve(b.scope(), b.amount(), Long.MAX_VALUE);
            commit(r, b.amount());
        }
    }

    /** An amount spent in a scope, booked once under its id. */
    record Booking(String id, BudgetScope scope, long amount) {
    }
}
