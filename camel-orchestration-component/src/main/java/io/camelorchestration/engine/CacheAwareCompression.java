package io.camelorchestration.engine;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.text.TokenCounter;

/**
 * Whether compressing a step's input pays once the provider's prompt cache is priced in. A provider bills the
 * opening of a prompt it saw lately at its cache-read price (gpt-4o: 1.25 instead of 2.5 USD per million tokens,
 * Claude: a tenth); compression that changes that opening makes those tokens fresh again. So the planner compares
 * dollars, not tokens: the fresh tokens compression removes, at the input price, against the cached tokens it would
 * turn fresh, at the input price less the cache-read price; and sends the input as it came when compressing does not
 * pay.
 *
 * <p>How much of an input would be cached is read from the openings of this step's latest inputs
 * ({@link SeenOpenings}), both as they came and as compressed: in steady state a step that always sends one form finds
 * the provider holding that form's opening. Chosen over what the provider reported as cached for the step's previous call because that
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

    /** How many of a step's latest messages the choice goes by. */
    static final int WINDOW = 64;

    /** One step's memory: the openings of both forms of its latest inputs, and what compressing gained on them. */
    private static final class StepMemory {
        final SeenOpenings original = new SeenOpenings();
        final SeenOpenings compressed = new SeenOpenings();
        private final double[] net = new double[WINDOW];
        private int count;
        private int next;

        /** Adds one message's net gain of compressing (USD); returns the mean over the window. */
        synchronized double add(double gain) {
            net[next] = gain;
            next = (next + 1) % WINDOW;
            count = Math.min(WINDOW, count + 1);
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += net[i];
            }
            return sum / count;
        }
    }

    private final ConcurrentHashMap<String, StepMemory> steps = new ConcurrentHashMap<>();

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
        StepMemory seen = steps.get(stepId);
        if (seen == null) {
            if (steps.size() >= MAX_STEPS) {
                return null;
            }
            seen = steps.computeIfAbsent(stepId, id -> new StepMemory());
        }
        // In steady state a step that sends one form finds the provider holding that form's opening: each form is
        // compared with the same form of the messages before, whichever was sent.
        long cachedAsItCame = cachedTokens(original, seen.original.longestSeenThenAdd(original), encoding);
        long cachedCompressed = cachedTokens(compressed.text(), seen.compressed.longestSeenThenAdd(compressed.text()),
                encoding);
        if (cachedAsItCame == 0 && cachedCompressed == 0) {
            return null; // nothing cached either way (a new document): compressing only saves
        }

        long removed = compressed.tokensBefore() - compressed.tokensAfter();
        long turnedFresh = Math.max(0, Math.min(cachedAsItCame, compressed.tokensBefore()) - cachedCompressed);
        double input = model.inputUsdPerMillion() / 1e6;
        double cached = model.cachedInputUsdPerMillion() / 1e6;
        double saved = removed * input;
        double lost = turnedFresh * (input - cached);
        // The choice is the step's, not the message's: a step that goes back and forth between the two forms finds
        // the provider holding neither. So it follows the mean gain of its latest messages, not this one's alone.
        double mean = seen.add(saved - lost);
        if (mean > 0) {
            return null;
        }
        return String.format(Locale.ROOT, "prefix cache: compressing would remove %d fresh tokens (%.6f USD) but turn"
                + " %d cached tokens fresh (%.6f USD) on %s (mean over the step's latest messages %.6f USD); sent as it"
                + " came", removed, saved, turnedFresh, lost, model.name(), mean);
    }

    private static long cachedTokens(String text, int chars, String encoding) {
        if (chars == 0) {
            return 0;
        }
        int n = TokenCounter.shared().count(text.substring(0, Math.min(chars, text.length())), encoding);
        return n < MIN_CACHED_TOKENS ? 0 : n;
    }
}
