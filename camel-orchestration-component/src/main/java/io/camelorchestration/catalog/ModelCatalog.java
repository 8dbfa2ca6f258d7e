package io.camelorchestration.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The models a deployment may use, with their prices. Immutable; built once at start-up.
 */
public final class ModelCatalog {

    private static final Comparator<ModelInfo> BY_PRICE = Comparator
            .comparingDouble((ModelInfo m) -> m.inputUsdPerMillion() * 3 + m.outputUsdPerMillion())
            .thenComparing(ModelInfo::name);

    private final Map<String, ModelInfo> models;
    private final List<ModelInfo> byPrice;

    public ModelCatalog(Collection<ModelInfo> models) {
        Map<String, ModelInfo> m = new LinkedHashMap<>();
        for (ModelInfo info : models) {
            m.put(info.name(), info);
        }
        this.models = Collections.unmodifiableMap(m);
        List<ModelInfo> sorted = new ArrayList<>(m.values());
        // a typical LLM call reads about three tokens for each one it writes
        sorted.sort(BY_PRICE);
        this.byPrice = List.copyOf(sorted);
    }

    public static ModelCatalog defaults() {
        return ModelCatalogLoader.builtIn();
    }

    public Optional<ModelInfo> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(models.get(name));
    }

    public boolean contains(String name) {
        return name != null && models.containsKey(name);
    }

    public Collection<ModelInfo> models() {
        return models.values();
    }

    public Collection<String> names() {
        return models.keySet();
    }

    /**
     * The model of at least the given tier that costs least for this request (its input tokens and the output cap at
     * the model's own prices, a reasoning model's reasoning output included), whose context window holds both, among
     * those the caller can reach (a routed model is only useful if the delegate, or a delegate of its own, can call
     * it). Models of no known tier are never chosen. Ties go to the (blended price, name) order.
     */
    public Optional<ModelInfo> cheapest(Tier atLeast, long inputTokens, long outputTokens,
            Predicate<ModelInfo> reachable) {
        ModelInfo best = null;
        double bestCost = Double.MAX_VALUE;
        for (ModelInfo m : byPrice) {
            if (!ofTier(m, atLeast) || !m.fits(inputTokens + m.expectedOutputTokens(outputTokens)) || !reachable.test(m)) {
                continue;
            }
            double cost = m.estimatedCost(inputTokens, outputTokens);
            // strictly cheaper only: among equal costs the first in (blended price, name) order wins, deterministically
            if (cost < bestCost) {
                best = m;
                bestCost = cost;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The model of at least the given tier with the lowest blended price whose context window holds the tokens. */
    public Optional<ModelInfo> cheapest(Tier atLeast, long tokens, Predicate<ModelInfo> reachable) {
        for (ModelInfo m : byPrice) {
            if (ofTier(m, atLeast) && m.fits(tokens) && reachable.test(m)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static boolean ofTier(ModelInfo m, Tier atLeast) {
        return m.tier() != null && m.tier() != Tier.NONE && m.tier().compareTo(atLeast) >= 0;
    }
}
