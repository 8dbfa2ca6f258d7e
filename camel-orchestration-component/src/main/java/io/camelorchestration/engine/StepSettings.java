package io.camelorchestration.engine;

import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.route.RoutingCandidates;

/**
 * One step's options, parsed and checked once at start-up.
 *
 * @param intent            the declared intent, or null for {@code auto}
 * @param budgetTokens      per-invocation budget, or null for the intent's default
 * @param maxOutputTokens   output cap, or null for the intent's default
 * @param compression       the level, or null for {@code auto} (the intent's policy)
 * @param routing           false when {@code routing=off}
 * @param pinnedModel       the {@code model} option, or null
 * @param defaultModel      the model the delegate uses when not routed, or null when unknown
 * @param candidates        the models this step may be routed to (its own routingModels), or null for the planner's
 */
public record StepSettings(String stepId, StepDescription description, Intent intent, Integer budgetTokens,
        Integer maxOutputTokens, CompressionLevel compression, boolean routing, ModelInfo pinnedModel,
        ModelInfo defaultModel, OnBudgetExceeded onBudgetExceeded, RoutingCandidates candidates) {

    /** A step routed among the planner's candidates. */
    public StepSettings(String stepId, StepDescription description, Intent intent, Integer budgetTokens,
            Integer maxOutputTokens, CompressionLevel compression, boolean routing, ModelInfo pinnedModel,
            ModelInfo defaultModel, OnBudgetExceeded onBudgetExceeded) {
        this(stepId, description, intent, budgetTokens, maxOutputTokens, compression, routing, pinnedModel,
                defaultModel, onBudgetExceeded, null);
    }

    /** The model a step runs on when nothing routes it. */
    public ModelInfo originalModel() {
        return pinnedModel != null ? pinnedModel : defaultModel;
    }
}
