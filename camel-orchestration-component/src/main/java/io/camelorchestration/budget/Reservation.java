package io.camelorchestration.budget;

/**
 * An amount held against a budget until the step settles it. {@code id} is the ledger's handle (a row id for JDBC).
 * {@code total} is the scope's committed plus reserved right after this reservation, when the ledger knows it in the
 * same call ({@link #UNKNOWN} otherwise): a soft budget then needs no second trip to the store to learn it is over.
 */
public record Reservation(String id, BudgetScope scope, long amount, long total) {

    public static final long UNKNOWN = -1;

    public Reservation(String id, BudgetScope scope, long amount) {
        this(id, scope, amount, UNKNOWN);
    }
}
