package io.camelorchestration.route;

import io.camelorchestration.catalog.ModelInfo;

/**
 * The model a step runs on. {@code routed} is true when it differs from the original (the delegate's own) model;
 * {@code model} is null when nothing is known of either (no catalog entry, no default model).
 */
public record RoutingDecision(ModelInfo model, boolean routed, double complexity, String reason) {

    public static RoutingDecision original(ModelInfo model, String reason) {
        return new RoutingDecision(model, false, 0, reason);
    }
}
