package io.camelorchestration.routing;

import java.util.Optional;
import java.util.function.Predicate;

import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Tier;

/**
 * Sends simple work to a cheaper model: the intent's tier, raised one step for complex inputs, then the cheapest
 * catalog model of that tier whose context window fits and that the delegate can reach. Never routes to a model
 * dearer than the original.
 */
public final class ModelRouter {

    /** At or above this complexity the step needs one tier more than its intent asks. */
    public static final double COMPLEX = 0.4;

    private final ModelCatalog catalog;
    private final ComplexityScorer scorer;

    public ModelRouter(ModelCatalog catalog, ComplexityScorer scorer) {
        this.catalog = catalog;
        this.scorer = scorer;
    }

    /**
     * @param original  the model the delegate uses when not routed (may be null when unknown)
     * @param reachable which catalog models the delegate can call
     */
    public RoutingDecision route(Tier tier, String input, int inputTokens, int maxOutputTokens, ModelInfo original,
            Predicate<ModelInfo> reachable) {
        if (tier == Tier.NONE) {
            return RoutingDecision.original(original, "intent needs no model");
        }
        double complexity = scorer.score(input, inputTokens);
        Tier needed = complexity >= COMPLEX ? raise(tier) : tier;
        if (original != null && original.tier().compareTo(needed) <= 0) {
            return new RoutingDecision(original, false, complexity, "original model is already the tier needed");
        }
        Optional<ModelInfo> candidate = catalog.cheapest(needed, (long) inputTokens + maxOutputTokens, reachable);
        if (candidate.isEmpty()) {
            return new RoutingDecision(original, false, complexity, "no reachable " + needed.id() + " model fits");
        }
        ModelInfo m = candidate.get();
        if (original != null && (m.name().equals(original.name())
                || m.cost(inputTokens, maxOutputTokens) >= original.cost(inputTokens, maxOutputTokens))) {
            return new RoutingDecision(original, false, complexity, "no cheaper model");
        }
        return new RoutingDecision(m, true, complexity, "tier " + needed.id());
    }

    /** The cheapest reachable model of any tier, for degraded steps. */
    public Optional<ModelInfo> cheapest(long tokens, Predicate<ModelInfo> reachable) {
        return catalog.cheapest(Tier.SMALL, tokens, reachable);
    }

    private static Tier raise(Tier t) {
        return t == Tier.LARGE ? Tier.LARGE : Tier.values()[t.ordinal() + 1];
    }
}
