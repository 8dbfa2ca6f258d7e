package io.camelorchestration.route;

import java.util.function.Predicate;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Tier;
import io.camelorchestration.classify.Intent;

/**
 * One step's request as routing sees it.
 *
 * @param intent          the step's intent
 * @param tier            the tier the intent's handler asks for ({@code IntentPolicy.tier()})
 * @param instruction     the step's instruction or description, where long-form writing is asked for (may be null)
 * @param input           the input as it will be sent (compressed), or "" when not text
 * @param inputTokens     its tokens
 * @param maxOutputTokens the output cap
 * @param original        the model the delegate uses when not routed (may be null when unknown)
 * @param reachable       which catalog models the delegate can call
 */
public record RouteRequest(Intent intent, Tier tier, String instruction, String input, long inputTokens,
        int maxOutputTokens, ModelInfo original, Predicate<ModelInfo> reachable) {
}
