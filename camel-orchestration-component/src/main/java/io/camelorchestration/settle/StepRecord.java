package io.camelorchestration.settle;

import io.camelorchestration.catalog.Usd;

/**
 * The figures of one finished step.
 */
public record StepRecord(long inputTokens, long outputTokens, long tokensSaved, Usd cost, Usd costSaved,
        StepOutcome outcome) {

    /** A step that used and saved nothing. */
    public static StepRecord nothing(StepOutcome outcome) {
        return new StepRecord(0, 0, 0, Usd.ZERO, Usd.ZERO, outcome);
    }

    public long tokensUsed() {
        return inputTokens + outputTokens;
    }
}
