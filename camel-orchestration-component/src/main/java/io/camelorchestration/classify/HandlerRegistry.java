package io.camelorchestration.classify;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import io.camelorchestration.catalog.Tier;
import io.camelorchestration.check.OutputCheck;
import io.camelorchestration.check.OutputChecks;
import io.camelorchestration.classify.internal.DefaultIntentHandler;
import io.camelorchestration.compress.CompressionLevel;

/**
 * One handler per intent: the built-in policies of the contract, with the user's handlers in their place where
 * given. Immutable.
 */
public final class HandlerRegistry {

    private final Map<Intent, IntentHandler> handlers;

    private HandlerRegistry(Map<Intent, IntentHandler> handlers) {
        this.handlers = handlers;
    }

    public static HandlerRegistry defaults() {
        return withOverrides(java.util.List.of());
    }

    public static HandlerRegistry withOverrides(Collection<? extends IntentHandler> overrides) {
        Map<Intent, IntentHandler> m = new EnumMap<>(Intent.class);
        put(m, Intent.EXTRACT, 2_000, 512, CompressionLevel.LIGHT, Tier.SMALL, true, OutputChecks.parsesAsJson());
        put(m, Intent.SUMMARIZE, 8_000, 512, CompressionLevel.AGGRESSIVE, Tier.SMALL, false, OutputChecks.shorterThanInput());
        put(m, Intent.GENERATE, 4_000, 1_024, CompressionLevel.LIGHT, Tier.LARGE, false, OutputChecks.nonEmpty());
        put(m, Intent.VALIDATE, 2_000, 256, CompressionLevel.LIGHT, Tier.SMALL, true, OutputChecks.verdict());
        put(m, Intent.SEND, 0, 0, CompressionLevel.OFF, Tier.NONE, true, OutputChecks.none());
        put(m, Intent.TRANSFORM, 4_000, 2_048, CompressionLevel.LIGHT, Tier.SMALL, true, OutputChecks.parsesAsJson());
        put(m, Intent.CONDITIONAL, 1_500, 16, CompressionLevel.AGGRESSIVE, Tier.SMALL, false, OutputChecks.booleanAnswer());
        put(m, Intent.AGGREGATE, 8_000, 1_024, CompressionLevel.AGGRESSIVE, Tier.MEDIUM, false, OutputChecks.nonEmpty());
        put(m, Intent.FILTER, 2_000, 256, CompressionLevel.AGGRESSIVE, Tier.SMALL, false, OutputChecks.booleanPerItem());
        put(m, Intent.ENRICH, 3_000, 1_024, CompressionLevel.LIGHT, Tier.MEDIUM, true, OutputChecks.nonEmpty());
        for (IntentHandler h : overrides) {
            m.put(h.intent(), h);
        }
        return new HandlerRegistry(m);
    }

    private static void put(Map<Intent, IntentHandler> m, Intent intent, int budget, int maxOut, CompressionLevel level,
            Tier tier, boolean protect, OutputCheck check) {
        m.put(intent, new DefaultIntentHandler(intent, new IntentPolicy(budget, maxOut, level, tier, protect), check));
    }

    public IntentHandler handler(Intent intent) {
        return handlers.get(intent);
    }
}
