package io.camelorchestration.settle;

/**
 * The figures of one finished step. Cost in nano-USD so that totals over millions of steps add up exactly.
 */
public record StepRecord(long inputTokens, long outputTokens, long tokensSaved, long costNanos, long costSavedNanos,
        StepOutcome outcome) {

    public static final double NANOS_PER_USD = 1e9;

    public long tokensUsed() {
        return inputTokens + outputTokens;
    }

    public static long nanos(double usd) {
        return Math.round(usd * NANOS_PER_USD);
    }
}
