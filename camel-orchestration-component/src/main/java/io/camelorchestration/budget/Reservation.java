package io.camelorchestration.budget;

/**
 * An amount held against a budget until the step settles it. {@code id} is the ledger's handle (a row id for JDBC).
 */
public record Reservation(String id, BudgetScope scope, long amount) {
}
