package io.camelorchestration.route;

import java.util.Optional;
import java.util.function.Predicate;

import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Tier;

/**
 * Sends simple work to a cheaper model: the intent's tier, raised one step when the input is complex (code, math,
 * several questions, long-form writing asked for, a long input), then the model of at least that tier that costs least
 * for this request, whose context window holds the input and the output cap, and that the delegate can reach, among
 * the {@link RoutingCandidates}. Never routes to a model dearer than the original (the delegate's own); a pinned step
 * is never routed (the planner does not ask).
 */
public final class ModelRouter implements RoutingPolicy {

    /** At or above this complexity the step needs one tier more than its intent asks. */
    public static final double COMPLEX = Complexity.THRESHOLD;

    private final RoutingCandidates candidates;
    private final ComplexityScorer scorer;

    /** Routes among the models of the catalog routing may choose on its own (no routing-models list). */
    public ModelRouter(ModelCatalog catalog, ComplexityScorer scorer) {
        this(RoutingCandidates.of(catalog), scorer);
    }

    public ModelRouter(RoutingCandidates candidates, ComplexityScorer scorer) {
        this.candidates = candidates;
        this.scorer = scorer;
    }

    /** The same scorer over other candidates (an endpoint's own routingModels). */
    @Override
    public ModelRouter withCandidates(RoutingCandidates other) {
        return other == candidates ? this : new ModelRouter(other, scorer);
    }

    @Override
    public RoutingCandidates candidates() {
        return candidates;
    }

    @Override
    public RoutingDecision route(RouteRequest r) {
        return route(r.tier(), r.instruction(), r.input(), (int) Math.min(Integer.MAX_VALUE, r.inputTokens()),
                r.maxOutputTokens(), r.original(), r.reachable());
    }

    @Override
    public RoutingDecision degrade(RouteRequest r) {
        return degrade(r.tier(), r.inputTokens(), r.maxOutputTokens(), r.original(), r.reachable());
    }

    /**
     * @param original  the model the delegate uses when not routed (may be null when unknown)
     * @param reachable which catalog models the delegate can call
     */
    public RoutingDecision route(Tier tier, String input, int inputTokens, int maxOutputTokens, ModelInfo original,
            Predicate<ModelInfo> reachable) {
        return route(tier, null, input, inputTokens, maxOutputTokens, original, reachable);
    }

    /**
     * @param instruction the step's instruction or description, where long-form writing is asked for (may be null)
     * @param original    the model the delegate uses when not routed (may be null when unknown)
     * @param reachable   which catalog models the delegate can call
     */
    public RoutingDecision route(Tier tier, String instruction, String input, int inputTokens, int maxOutputTokens,
            ModelInfo original, Predicate<ModelInfo> reachable) {
        if (tier == Tier.NONE) {
            return RoutingDecision.original(original, "intent needs no model");
        }
        Complexity complexity = scorer.assess(instruction, input, inputTokens);
        Tier needed = complexity.complex() ? raise(tier) : tier;
        String why = needed.id() + " tier" + (complexity.complex() ? " (" + tier.id() + " raised: "
                + complexity.describe() + ")" : "");
        Optional<ModelInfo> candidate = candidates.cheapest(needed, inputTokens, maxOutputTokens, reachable);
        if (candidate.isEmpty()) {
            return new RoutingDecision(original, false, complexity.score(),
                    why + ": no reachable model fits " + ((long) inputTokens + maxOutputTokens) + " tokens");
        }
        ModelInfo m = candidate.get();
        if (original != null) {
            if (m.name().equals(original.name())) {
                return new RoutingDecision(original, false, complexity.score(), why + ": the original is the cheapest");
            }
            if (m.estimatedCost(inputTokens, maxOutputTokens) >= original.estimatedCost(inputTokens, maxOutputTokens)) {
                return new RoutingDecision(original, false, complexity.score(),
                        why + ": nothing cheaper than " + original.name());
            }
        }
        return new RoutingDecision(m, true, complexity.score(), why);
    }

    /**
     * The model of a step over budget: the cheapest reachable candidate of at least the intent's own tier (a degraded
     * step is never given a weaker model than its intent needs: generate stays large), and never one dearer than the
     * original.
     */
    public RoutingDecision degrade(Tier tier, long inputTokens, long outputTokens, ModelInfo original,
            Predicate<ModelInfo> reachable) {
        Optional<ModelInfo> m = candidates.cheapest(tier, inputTokens, outputTokens, reachable);
        if (m.isEmpty() || original != null && (m.get().name().equals(original.name())
                || m.get().estimatedCost(inputTokens, outputTokens) >= original.estimatedCost(inputTokens, outputTokens))) {
            return RoutingDecision.original(original, "budget exceeded: " + tier.id() + " tier, nothing cheaper than "
                    + (original == null ? "the original" : original.name()));
        }
        return new RoutingDecision(m.get(), true, 0, "budget exceeded: cheapest of the " + tier.id() + " tier");
    }

    static Tier raise(Tier t) {
        return t == Tier.LARGE || t == Tier.NONE ? t : Tier.values()[t.ordinal() + 1];
    }
}
