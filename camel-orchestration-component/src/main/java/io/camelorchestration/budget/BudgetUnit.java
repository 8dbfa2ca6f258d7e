package io.camelorchestration.budget;

/**
 * What a cumulative budget counts. A ledger books USD amounts in micro-dollars ({@code Usd.micros()}).
 */
public enum BudgetUnit {
    TOKENS,
    USD;
}
