package io.camelorchestration.route;

import io.camelorchestration.check.CheckResult;
import io.camelorchestration.classify.Intent;

/**
 * Which model a step runs on: the tier an intent gets, when a request needs a tier more, which models are candidates,
 * the model of a step over budget, and when a routed answer is re-run on the original model. One place to change the
 * routing, and one to replace: build an engine with your own (see {@code OrchestratorConfig.Builder#routing}).
 * Pinned steps ({@code model=}) and steps with routing off never ask.
 */
public interface RoutingPolicy {

    /** The standard policy: the intent's tier, raised when complex, cheapest reachable candidate (see {@link ModelRouter}). */
    static RoutingPolicy standard(RoutingCandidates candidates) {
        return new ModelRouter(candidates, new ComplexityScorer());
    }

    /** The model a request goes to; {@link RoutingDecision#original} where nothing cheaper fits. */
    RoutingDecision route(RouteRequest request);

    /**
     * The model of a step over a hard budget whose policy is {@code degrade}: the request is already compressed
     * harder and its output cap halved.
     */
    RoutingDecision degrade(RouteRequest request);

    /**
     * Whether a routed model's answer that the intent's output check judged is given up and the step run again, as it
     * came, on the original model (the cascade). A call that failed on what the pipeline changed always is.
     */
    default boolean rerunOnOriginal(Intent intent, CheckResult check) {
        return !check.passed();
    }

    /** The same policy over other candidates: a step's own {@code routingModels}. */
    RoutingPolicy withCandidates(RoutingCandidates candidates);

    /** The models this policy routes among. */
    RoutingCandidates candidates();
}
