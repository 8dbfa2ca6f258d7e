package io.camelorchestration.engine;

import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Usd;
import io.camelorchestration.classify.Classification;
import io.camelorchestration.settle.StepOutcome;
import io.camelorchestration.settle.StepRecord;
import io.camelorchestration.settle.Usage;

/**
 * A step that ran and is booked: what it used over its one or two calls, what it cost, and what the user is told.
 *
 * @param model              the model of the last call
 * @param usage              the last call's usage
 * @param firstModel         the routed model whose answer was not kept (re-run on the original model), or null
 * @param firstUsage         that first call's usage, or null
 * @param record             the step's figures, built once (totals, meters and the audit trail each read them): input
 *                           and output tokens and the cost over both calls, as billed; the input tokens compression
 *                           removed (0 after a re-run, which sent the input as it came); the cost saved, below what
 *                           the step would have cost as written (original model, whole input); the outcome
 * @param orchestrated       false when the step ran as the user wrote it (re-run, or the fallback budget policy)
 * @param routed             whether the answer kept came from a routed model
 * @param compressionSkipped why compression was not applied though it would have shortened the input, or null
 * @param reason             why the step was not orchestrated as planned (re-run, budget), or null
 * @param rerunReason        why the routed answer was not kept, or null
 * @param pending            a settlement kept for later (the budget store was down), or null
 * @param cacheable          whether the step's answer was looked up in the response cache (and may be kept there)
 */
public record Settlement(Classification classification, int budgetTokens, ModelInfo model, Usage usage,
        ModelInfo firstModel, Usage firstUsage, StepRecord record, boolean orchestrated, boolean routed,
        String compressionSkipped, String reason, String rerunReason, CumulativeBudgets.PendingSettlement pending,
        boolean cacheable) {

    /** Over both calls. */
    public long inputTokens() {
        return record.inputTokens();
    }

    /** Over both calls. */
    public long outputTokens() {
        return record.outputTokens();
    }

    public long tokensUsed() {
        return record.tokensUsed();
    }

    /** Over both calls, as billed. */
    public Usd cost() {
        return record.cost();
    }

    /** Input tokens compression removed (0 after a re-run, which sent the input as it came). */
    public long tokensSaved() {
        return record.tokensSaved();
    }

    /** Below what the step would have cost as written: original model, whole input. */
    public Usd costSaved() {
        return record.costSaved();
    }

    public StepOutcome outcome() {
        return record.outcome();
    }

    public boolean rerun() {
        return firstUsage != null;
    }

    public boolean compressionApplied() {
        return tokensSaved() > 0;
    }
}
