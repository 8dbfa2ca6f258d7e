package io.camelorchestration.budget;

/**
 * What a cumulative budget counts. USD amounts are kept in micro-dollars so sums stay exact.
 */
public enum BudgetUnit {
    TOKENS,
    USD;

    public static final long MICROS_PER_USD = 1_000_000L;

    public static long toMicros(double usd) {
        return Math.round(usd * MICROS_PER_USD);
    }
}
