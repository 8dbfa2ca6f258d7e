package io.camelorchestration.pipeline;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.compression.CompressionResult;
import io.camelorchestration.compression.SeenOpenings;
import io.camelorchestration.tokens.TokenCounter;

/**
 * Whether compressing a step's input pays once the provider's prompt cache is priced in. A provider bills the
 * opening of a prompt it saw lately at its cache-read price (gpt-4o: 1.25 instead of 2.5 USD per million tokens,
 * Claude: a tenth); compression that changes that opening makes those tokens fresh again. So the planner compares
 * dollars, not tokens: the fresh tokens compression removes, at the input price, against the cached tokens it would
 * turn fresh, at the input price less the cache-read price; and sends the input as it came when compressing does not
 * pay.
 *
 * <p>How much of an input would be cached is read from the openings this step sent lately ({@link SeenOpenings}),
 * both as it came and as compressed: in steady state a step that always sends one form finds the provider holding
 * that form's opening. Chosen over what the provider reported as cached for the step's previous call because that
 * report only tells about the form that was sent (once compression has broken the cache, it says 0 and would keep
 * compressing for ever), comes after the call instead of before it, and is missing from delegates that report no cache
 * details. The openings are hashes, never text.
 *
 * <p>Only for models whose catalog entry has a cache-read price below the input price (LiteLLM's map, or
 * {@code cachedInputUsdPerMillion}), and inputs of at least {@value #MIN_CACHED_TOKENS} tokens: below that providers
 * cache nothing (OpenAI, Anthropic's larger models).
 */
final class CacheAwareCompression {

    static final int MIN_CACHED_TOKENS = 1_024;
    /** Steps are fixed at start-up; the bound only guards against callers that invent step ids. */
    private static final int MAX_STEPS = 1_024;

    private record Openings(SeenOpenings original, SeenOpenings compressed) {
    }

    private final ConcurrentHashMap<String, Openings> steps = new ConcurrentHashMap<>();

    /**
     * Remembers both forms of this input's opening and decides.
     *
     * @return null when compressing pays (or the rule does not apply), else why the input is sent as it came
     */
    String skipReason(String stepId, ModelInfo model, String encoding, String original, CompressionResult compressed) {
        if (model == null || !compressed.applied() || compressed.tokensBefore() < MIN_CACHED_TOKENS
                || !(model.cachedInputUsdPerMillion() < model.inputUsdPerMillion())) {
            return null;
        }
        Openings seen = steps.get(stepId);
        if (seen == null) {
            if (steps.size() >= MAX_STEPS) {
                return null;
            }
            seen = steps.computeIfAbsent(stepId, id -> new Openings(new SeenOpenings(), new SeenOpenings()));
        }
        long cachedAsItCame = cachedTokens(original, seen.original().longestSeen(original), encoding);
        long cachedCompressed = cachedTokens(compressed.text(), seen.compressed().longestSeen(compressed.text()), encoding);
        seen.original().add(original);
        seen.compressed().add(compressed.text());

        long removed = compressed.tokensBefore() - compressed.tokensAfter();
        long turnedFresh = Math.max(0, Math.min(cachedAsItCame, compressed.tokensBefore()) - cachedCompressed);
        double input = model.inputUsdPerMillion() / 1e6;
        double cached = model.cachedInputUsdPerMillion() / 1e6;
        double saved = removed * input;
        double lost = turnedFresh * (input - cached);
        if (saved > lost) {
            return null;
        }
        return String.format(Locale.ROOT, "prefix cache: compressing would remove %d fresh tokens (%.6f USD) but turn"
                + " %d cached tokens fresh (%.6f USD) on %s; sent as it came", removed, saved, turnedFresh, lost,
                model.name());
    }

    private static long cachedTokens(String text, int chars, String encoding) {
        if (chars == 0) {
            return 0;
        }
        int n = TokenCounter.shared().count(text.substring(0, Math.min(chars, text.length())), encoding);
        return n < MIN_CACHED_TOKENS ? 0 : n;
    }
}
