package io.camelorchestration.classify;

import io.camelorchestration.catalog.Tier;
import io.camelorchestration.compress.CompressionLevel;

/**
 * What an intent gets by default: its token budget per invocation (input + output), its output cap, how hard its
 * input may be compressed, the model tier it needs, and whether question-aware selection and protected spans apply.
 */
public record IntentPolicy(int budgetTokens, int maxOutputTokens, CompressionLevel compression, Tier tier,
        boolean protectSpans) {

    public IntentPolicy {
        if (budgetTokens < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException("budgets must not be negative");
        }
    }

    public boolean usesModel() {
        return tier != Tier.NONE;
    }
}
