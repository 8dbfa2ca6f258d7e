package io.camelorchestration.engine;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.classify.Classification;
import io.camelorchestration.classify.IntentHandler;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.route.RoutingDecision;

/**
 * The request a step would send within its budgets, before any reservation (see {@link StepPlanner#draft}).
 *
 * @param exact whether the input was counted exactly (else {@code compression} holds an upper bound)
 * @param compressionSkipped why the input goes as it came although compression would have shortened it (the
 *                           provider's prompt cache makes it cheaper as it is), or null
 */
public record StepDraft(Classification classification, IntentHandler handler, int budgetTokens, int maxOutputTokens,
        CompressionLevel level, boolean exact, CompressionResult compression, RoutingDecision routing,
        String compressionSkipped) {

    public StepDraft(Classification classification, IntentHandler handler, int budgetTokens, int maxOutputTokens,
            CompressionLevel level, boolean exact, CompressionResult compression, RoutingDecision routing) {
        this(classification, handler, budgetTokens, maxOutputTokens, level, exact, compression, routing, null);
    }

    public ModelInfo model() {
        return routing.model();
    }

    /** The text the model is sent: the compressed input when compression changed it. */
    public String sentText(String original) {
        return compression != null && compression.applied() ? compression.text() : original;
    }

    public boolean compressed() {
        return compression != null && compression.applied();
    }
}
