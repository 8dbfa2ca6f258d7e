package io.camelorchestration.component;

import java.util.Locale;

/** The component option {@code ledger}: where cumulative budgets live (a {@code budgetLedger} bean overrides it). */
public enum LedgerType {
    /** In this JVM. */
    MEMORY,
    /** In the tables of the component's DataSource, shared by instances. */
    JDBC;

    /** The value users write, e.g. {@code camel.component.orchestrate.ledger=jdbc}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
