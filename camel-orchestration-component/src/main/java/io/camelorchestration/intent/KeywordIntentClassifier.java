package io.camelorchestration.intent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The built-in classifier: weighted cue words per intent, read from the instruction, the description, the step id,
 * the delegate URI and a sample of the body. Cheap (no model call) and deterministic. When the best intent does not
 * clearly win, it answers the safe default ({@link Intent#GENERATE}: light compression, large tier) with the low
 * confidence it had, so a wrong guess never makes a step cheaper than it should be.
 */
public final class KeywordIntentClassifier implements IntentClassifier {

    /** Below this share of the total score the answer is the safe default. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.45;

    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private static final double W_INSTRUCTION = 3.0;
    private static final double W_DESCRIPTION = 3.0;
    private static final double W_STEP_ID = 2.0;
    private static final double W_DELEGATE = 1.0;

    private final Map<Intent, List<Cue>> cues;
    private final double minConfidence;

    public KeywordIntentClassifier() {
        this(DEFAULT_MIN_CONFIDENCE);
    }

    public KeywordIntentClassifier(double minConfidence) {
        this.minConfidence = minConfidence;
        this.cues = IntentCues.defaults();
    }

    @Override
    public Classification classify(StepDescription step) {
        Map<Intent, Double> scores = new EnumMap<>(Intent.class);
        score(scores, step.instruction(), W_INSTRUCTION);
        score(scores, step.description(), W_DESCRIPTION);
        score(scores, step.stepId(), W_STEP_ID);
        score(scores, delegateWords(step.delegateUri()), W_DELEGATE);
        scoreBody(scores, step.bodySample());

        Intent best = null;
        double bestScore = 0;
        double total = 0;
        for (Map.Entry<Intent, Double> e : scores.entrySet()) {
            total += e.getValue();
            if (e.getValue() > bestScore) {
                bestScore = e.getValue();
                best = e.getKey();
            }
        }
        if (best == null) {
            return new Classification(Intent.GENERATE, 0.0, "no cue matched; safe default");
        }
        double confidence = bestScore / total;
        if (confidence < minConfidence) {
            return new Classification(Intent.GENERATE, confidence, "ambiguous (best " + best.id() + "); safe default");
        }
        return new Classification(best, confidence, "cues");
    }

    private void score(Map<Intent, Double> scores, String text, double weight) {
        if (text == null || text.isBlank()) {
            return;
        }
        List<String> words = words(text);
        for (Map.Entry<Intent, List<Cue>> e : cues.entrySet()) {
            double s = 0;
            for (Cue cue : e.getValue()) {
                s += cue.match(words);
            }
            if (s > 0) {
                scores.merge(e.getKey(), s * weight, Double::sum);
            }
        }
    }

    private static void scoreBody(Map<Intent, Double> scores, String sample) {
        if (sample == null || sample.isBlank()) {
            return;
        }
        String s = sample.stripLeading();
        // A JSON array of records hints at filtering or aggregation, but only weakly: the text about the step decides.
        if (s.startsWith("[")) {
            scores.merge(Intent.AGGREGATE, 0.3, Double::sum);
            scores.merge(Intent.FILTER, 0.3, Double::sum);
        }
    }

    private static String delegateWords(String uri) {
        if (uri == null) {
            return "";
        }
        // The scheme (langchain4j-chat, openai, http) says nothing about intent; the path and names may.
        int colon = uri.indexOf(':');
        String rest = colon >= 0 ? uri.substring(colon + 1) : uri;
        int q = rest.indexOf('?');
        return q >= 0 ? rest.substring(0, q) : rest;
    }

    static List<String> words(String text) {
        String split = CAMEL_HUMP.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String w : NON_WORD.split(split)) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** A word stem (prefix match) or a two-word phrase, with a weight. */
    record Cue(String first, String second, double weight) {

        double match(List<String> words) {
            double s = 0;
            for (int i = 0; i < words.size(); i++) {
                if (words.get(i).startsWith(first)) {
                    if (second == null) {
                        s += weight;
                    } else if (i + 1 < words.size() && words.get(i + 1).startsWith(second)) {
                        s += weight;
                    }
                }
            }
            return s;
        }
    }
}
