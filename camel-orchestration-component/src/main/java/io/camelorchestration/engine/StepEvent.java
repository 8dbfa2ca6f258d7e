package io.camelorchestration.engine;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Usd;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.settle.StepOutcome;
import io.camelorchestration.settle.StepRecord;
import io.camelorchestration.settle.Usage;

/**
 * What happened to a step, as the {@link Orchestrator} publishes it. Totals, meters and the audit trail are
 * subscribers (see {@link StepEvents}), as Resilience4j's Micrometer module subscribes to a rate limiter's events:
 * the engine computes a step's figures once and knows nothing of where they go.
 */
public sealed interface StepEvent {

    StepContext context();

    /** A workflow execution began: its first orchestrated step. */
    record WorkflowStarted(StepContext context, long workflowBudgetTokens) implements StepEvent {
    }

    /** A workflow execution ended (in Camel: its exchange completed). */
    record WorkflowCompleted(StepContext context, boolean failed) implements StepEvent {
    }

    /**
     * A step's plan is over a budget: a hard one (the step degraded or runs as the user wrote it) or a soft one
     * (reported only).
     */
    record BudgetExceeded(StepContext context, StepPlan plan, String policy) implements StepEvent {

        public boolean hard() {
            return plan.budgetExceeded() != null;
        }

        public String budget() {
            return hard() ? plan.budgetExceeded() : String.valueOf(plan.softExceeded());
        }
    }

    /** How a step ended: what the totals add, and what the meters count. */
    sealed interface Ended extends StepEvent {

        /** The step's intent, or null where it was never known. */
        Intent intent();

        /** The model of the last call, or null. */
        ModelInfo model();

        StepRecord record();

        /** The pipeline's own time on this step, delegate calls excluded. */
        long overheadNanos();

        default Usd cost() {
            return record().cost();
        }

        default Usd costSaved() {
            return record().costSaved();
        }
    }

    /** The delegate answered and the usage is booked: orchestrated, bypassed, degraded or re-run. */
    record Settled(StepContext context, Settlement settlement, long overheadNanos) implements Ended {

        @Override
        public Intent intent() {
            return settlement.classification().intent();
        }

        @Override
        public ModelInfo model() {
            return settlement.model();
        }

        /** The settlement's figures, built once with it (not per call: totals, meters and the audit trail each ask). */
        @Override
        public StepRecord record() {
            return settlement.record();
        }
    }

    /** Answered from the response cache: nothing reserved or charged; the call avoided counts as saved. */
    record Served(StepContext context, Intent intent, double confidence, ModelInfo model, int budgetTokens,
            boolean compressed, long tokensSaved, Usd costSaved, long overheadNanos) implements Ended {

        @Override
        public StepRecord record() {
            return new StepRecord(0, 0, tokensSaved, Usd.ZERO, costSaved, StepOutcome.ORCHESTRATED);
        }
    }

    /** Refused by a hard budget under {@code onBudgetExceeded=fail}: the delegate was not called. */
    record Refused(StepContext context, BudgetExceededException error, long overheadNanos) implements Ended {

        @Override
        public Intent intent() {
            return null;
        }

        @Override
        public ModelInfo model() {
            return null;
        }

        @Override
        public StepRecord record() {
            return StepRecord.nothing(StepOutcome.BUDGET_EXCEEDED);
        }
    }

    /** The delegate itself failed (on the call as the user wrote it): its exception is the exchange's. */
    record Failed(StepContext context, Intent intent, ModelInfo model, Throwable error, long overheadNanos)
            implements Ended {

        @Override
        public StepRecord record() {
            return StepRecord.nothing(StepOutcome.FAILED);
        }
    }

    /**
     * The pipeline's own logic failed and the step ran down the original path.
     *
     * @param usage   what the original call used, or null when it failed too
     * @param pending the settlement kept for later of a step that ran unbooked (budget store down), or null
     */
    record FellBack(StepContext context, Intent intent, ModelInfo model, Usage usage, String reason,
            CumulativeBudgets.PendingSettlement pending, long overheadNanos) implements Ended {

        @Override
        public StepRecord record() {
            return usage == null ? StepRecord.nothing(StepOutcome.FALLBACK)
                    : new StepRecord(usage.input(), usage.output(), 0, usage.cost(model), Usd.ZERO, StepOutcome.FALLBACK);
        }
    }

    /**
     * The delegate answered but the step's own bookkeeping failed after the call: its answer stands, counted as a
     * fallback with no figures (they are lost). Not in the audit trail, which may be what failed.
     */
    record Unsettled(StepContext context, Intent intent, long overheadNanos) implements Ended {

        @Override
        public ModelInfo model() {
            return null;
        }

        @Override
        public StepRecord record() {
            return StepRecord.nothing(StepOutcome.FALLBACK);
        }
    }
}
