package io.camelorchestration.engine;

import io.camelorchestration.budget.BudgetRule;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Usd;
import io.camelorchestration.classify.Classification;
import io.camelorchestration.classify.IntentHandler;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.route.RoutingDecision;

/**
 * What the pipeline decided for one invocation, before the delegate is called.
 *
 * @param compression     null when the body was not text
 * @param estimatedTokens input tokens after compression + the output cap: what is reserved
 * @param budgetExceeded  the budget that would have been broken (the step then degraded or fell back), or null
 * @param unoptimised     true when the step must run as if the component were not there (fallback policy)
 * @param inputCounted    false when no decision needed an exact count: {@link #inputTokens()} is then only an upper
 *                        bound, and whoever needs the real figure counts the text sent
 */
public record StepPlan(Classification classification, IntentHandler handler, int budgetTokens, int maxOutputTokens,
        CompressionResult compression, RoutingDecision routing, long estimatedTokens, Usd estimatedCost,
        boolean workflowReserved, CumulativeBudgets.Hold hold, String budgetExceeded, BudgetRule softExceeded,
        boolean unoptimised, boolean inputCounted) {

    public ModelInfo model() {
        return routing.model();
    }

    public boolean compressed() {
        return compression != null && compression.applied() && !unoptimised;
    }

    public int inputTokens() {
        return compression == null ? 0 : unoptimised ? compression.tokensBefore() : compression.tokensAfter();
    }

    public int tokensSaved() {
        return compressed() ? compression.tokensSaved() : 0;
    }
}
