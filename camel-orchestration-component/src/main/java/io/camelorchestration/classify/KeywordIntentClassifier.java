package io.camelorchestration.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.camelorchestration.text.Stemmer;

/**
 * The built-in classifier: weighted cue words and phrases per intent ({@link IntentCues}), read from the message's
 * instruction (or, without one, the step's description), the step id (camelCase and kebab-case split), the delegate
 * URI and the shape of the body. Cheap (no model call, microseconds) and deterministic.
 * <p>
 * Words are stemmed, so "summarised" meets "summarize"; a phrase takes its words before single-word cues can
 * ("sum up" is not a sum); negated words ("don't summarize") count for nothing; the first word of a text counts double,
 * because step descriptions are imperatives whose verb says what the step does.
 * <p>
 * The confidence is the winner's margin over the runner-up, discounted when there is little evidence at all:
 * {@code (best - second) / (best + prior)}. When it is below the threshold, the answer is the safe default
 * {@link Intent#GENERATE} (light compression, large tier), so a wrong guess never makes a step cheaper than it should be.
 */
public final class KeywordIntentClassifier implements IntentClassifier {

    /** Below this confidence the answer is the safe default. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.4;

    /** Evidence a decision needs before its margin is believed: one weak cue is not enough. */
    static final double EVIDENCE_PRIOR = 3.0;
    /** The leading word of a text (the imperative's verb) weighs this much more. */
    static final double LEAD = 2.0;
    /** Cues in a subordinate clause ("before the ticket is created") weigh this much. */
    static final double SUBORDINATE = 0.5;
    /** How much of each text is read. */
    static final int MAX_CHARS = 2_000;
    /** How far after a light verb its noun is looked for. */
    private static final int LIGHT_VERB_REACH = 4;

    /** The instruction or the description: what the user wrote about the step. */
    private static final double W_TEXT = 3.0;
    private static final double W_STEP_ID = 2.0;
    private static final double W_DELEGATE = 1.0;
    /** A delegate that is itself a messaging endpoint (smtp:, kafka:, slack:) delivers, whatever the words say. */
    private static final double W_MESSAGING_SCHEME = 4.0;
    private static final double W_BODY_SHAPE = 0.3;

    private static final Set<String> FILLERS = Set.of("please", "then", "just", "now", "simply", "also", "first",
            "and", "to", "we", "i", "step");
    private static final Set<String> MESSAGING_SCHEMES = Set.of("smtp", "smtps", "slack", "kafka", "jms", "sjms",
            "sjms2", "activemq", "amqp", "rabbitmq", "spring-rabbitmq", "paho", "paho-mqtt5", "mqtt", "telegram",
            "twilio", "aws2-sns", "aws2-ses", "aws2-sqs", "google-pubsub", "azure-servicebus", "nats", "pulsar",
            "whatsapp", "xmpp", "irc");

    private static final Intent[] INTENTS = Intent.values();

    private final double minConfidence;
    /** Phrases by their first stem, longest first, so the longer reading wins. */
    private final Map<String, List<Cue>> phrases;
    /** Single-word cues by stem. */
    private final Map<String, List<Cue>> words;
    private final Set<String> lightVerbs;

    public KeywordIntentClassifier() {
        this(DEFAULT_MIN_CONFIDENCE);
    }

    public KeywordIntentClassifier(double minConfidence) {
        if (minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("minConfidence must be in [0,1]: " + minConfidence);
        }
        this.minConfidence = minConfidence;
        List<Cue> ph = new ArrayList<>();
        Map<String, List<Cue>> w = new HashMap<>();
        for (Cue cue : IntentCues.defaults()) {
            if (cue.isPhrase()) {
                ph.add(cue);
            } else {
                w.computeIfAbsent(cue.stems()[0], k -> new ArrayList<>()).add(cue);
            }
        }
        for (String idiom : IntentCues.idioms()) {
            ph.add(Cue.parse(null, idiom, 0));
        }
        ph.sort(Comparator.comparingInt((Cue c) -> c.stems().length).reversed()
                .thenComparing(Comparator.comparingDouble(Cue::weight).reversed()));
        Map<String, List<Cue>> byFirst = new HashMap<>();
        for (Cue cue : ph) {
            byFirst.computeIfAbsent(cue.stems()[0], k -> new ArrayList<>()).add(cue);
        }
        byFirst.replaceAll((k, v) -> List.copyOf(v));
        this.phrases = Map.copyOf(byFirst);
        w.replaceAll((k, v) -> List.copyOf(v));
        this.words = Map.copyOf(w);
        Set<String> light = new HashSet<>();
        for (String v : IntentCues.lightVerbs()) {
            light.add(Stemmer.stem(v));
        }
        this.lightVerbs = Set.copyOf(light);
    }

    /** The body counts only as a JSON array or not ({@link #scoreBody}). */
    @Override
    public boolean readsBodyShapeOnly() {
        return true;
    }

    @Override
    public Classification classify(StepDescription step) {
        double[] scores = new double[INTENTS.length];
        // this message's instruction overrides the step's description, as the contract says
        if (step.instruction() != null && !step.instruction().isBlank()) {
            score(scores, step.instruction(), W_TEXT);
        } else {
            score(scores, step.description(), W_TEXT);
        }
        score(scores, step.stepId(), W_STEP_ID);
        String scheme = scheme(step.delegateUri());
        if (MESSAGING_SCHEMES.contains(scheme)) {
            scores[Intent.SEND.ordinal()] += W_MESSAGING_SCHEME;
        }
        score(scores, delegatePath(step.delegateUri()), W_DELEGATE);
        scoreBody(scores, step.bodySample());

        int best = -1;
        int second = -1;
        for (int i = 0; i < scores.length; i++) {
            if (best < 0 || scores[i] > scores[best]) {
                second = best;
                best = i;
            } else if (second < 0 || scores[i] > scores[second]) {
                second = i;
            }
        }
        double top = scores[best];
        double runnerUp = scores[second];
        if (top <= 0) {
            return new Classification(Intent.GENERATE, 0.0, "no cue matched; safe default");
        }
        double confidence = (top - runnerUp) / (top + EVIDENCE_PRIOR);
        String why = INTENTS[best].id() + " " + tenths(top)
                + (runnerUp > 0 ? ", " + INTENTS[second].id() + " " + tenths(runnerUp) : ", nothing else");
        if (confidence < minConfidence) {
            return new Classification(Intent.GENERATE, confidence, "not sure (" + why + "); safe default");
        }
        return new Classification(INTENTS[best], confidence, why);
    }

    /** A phrase found at a word. */
    private record Match(Cue cue, int start) {
    }

    private static double tenths(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Steps are classified once at start-up and instructions once per text (StepIntent): nothing cached here. */
    private void score(double[] scores, String text, double fieldWeight) {
        if (text == null || text.isEmpty()) {
            return;
        }
        scoreField(scores, text, fieldWeight);
    }

    private void scoreField(double[] scores, String text, double fieldWeight) {
        // what a step does is said at the start; an instruction header holding a whole document is not read to the end
        Words ws = Words.of(text != null && text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
        if (ws.isEmpty()) {
            return;
        }
        List<Words.Word> list = ws.list();
        int n = list.size();
        int lead = lead(list);
        boolean[] taken = new boolean[n];
        // leftmost phrase first, the longest of those starting at the same word
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Cue> starting = phrases.get(list.get(i).stem());
            if (starting == null) {
                continue;
            }
            for (Cue cue : starting) {
                if (cue.leadOnly() && i != lead) {
                    continue;
                }
                int end = cue.matchAt(list, taken, i);
                if (end < 0) {
                    continue;
                }
                taken[i] = true;
                taken[end] = true;
                if (!cue.split()) {
                    for (int k = i + 1; k < end; k++) {
                        taken[k] = true;
                    }
                }
                matches.add(new Match(cue, i));
                break;
            }
        }
        int focus = focus(list, lead, matches);
        for (Match m : matches) {
            if (m.cue().intent() != null) {
                scores[m.cue().intent().ordinal()] += m.cue().weight() * fieldWeight * position(list, m.start(), focus);
            }
        }
        double[] best = new double[INTENTS.length];
        for (int i = 0; i < n; i++) {
            Words.Word w = list.get(i);
            if (taken[i] || w.negated()) {
                continue;
            }
            List<Cue> cues = words.get(w.stem());
            if (cues == null) {
                continue;
            }
            // a word counts once per intent, with its strongest cue
            Arrays.fill(best, 0);
            for (Cue cue : cues) {
                if (!cue.leadOnly() || i == lead) {
                    best[cue.intent().ordinal()] = Math.max(best[cue.intent().ordinal()], cue.weight());
                }
            }
            double factor = fieldWeight * position(list, i, focus);
            for (int k = 0; k < best.length; k++) {
                scores[k] += best[k] * factor;
            }
        }
    }

    /** The leading word (or the noun after a light verb) counts double; a subordinate clause counts half. */
    private static double position(List<Words.Word> list, int i, int focus) {
        return (i == focus ? LEAD : 1) * (list.get(i).subordinate() ? SUBORDINATE : 1);
    }

    /**
     * The word that says what the step does: the leading verb, or, when that is a light verb ("give a short recap"),
     * the first cue word shortly after it in the same clause.
     */
    private int focus(List<Words.Word> list, int lead, List<Match> phraseMatches) {
        if (lead < 0 || !lightVerbs.contains(list.get(lead).stem())) {
            return lead;
        }
        for (Match m : phraseMatches) {
            if (m.start() == lead) {
                return lead;
            }
        }
        for (int j = lead + 1; j < list.size() && j <= lead + LIGHT_VERB_REACH; j++) {
            Words.Word w = list.get(j);
            if (w.clause() != list.get(lead).clause()) {
                break;
            }
            if (words.containsKey(w.stem())) {
                return j;
            }
            for (Match m : phraseMatches) {
                if (m.start() == j) {
                    return j;
                }
            }
        }
        return lead;
    }

    /** The first word that is not a filler ("please", "then", "just"): the imperative's verb. */
    private static int lead(List<Words.Word> list) {
        for (int i = 0; i < list.size(); i++) {
            if (!FILLERS.contains(list.get(i).text())) {
                return i;
            }
        }
        return -1;
    }

    private static void scoreBody(double[] scores, String sample) {
        if (sample == null || sample.isBlank()) {
            return;
        }
        // A JSON array of records hints at filtering or aggregation, but only weakly: the text about the step decides.
        if (sample.stripLeading().startsWith("[")) {
            scores[Intent.AGGREGATE.ordinal()] += W_BODY_SHAPE;
            scores[Intent.FILTER.ordinal()] += W_BODY_SHAPE;
        }
    }

    private static String unwrap(String uri) {
        if (uri == null) {
            return "";
        }
        String u = uri.trim();
        if (u.regionMatches(true, 0, "RAW(", 0, 4) && u.endsWith(")")) {
            u = u.substring(4, u.length() - 1);
        }
        return u;
    }

    /**
     * True when the delegate is itself a messaging endpoint (smtp:, kafka:, slack:, jms: ...): such a step delivers,
     * whatever its words say. Shared with other classifiers, so that they read the delegate the same way.
     */
    public static boolean isMessagingDelegate(String uri) {
        return MESSAGING_SCHEMES.contains(scheme(uri));
    }

    static String scheme(String uri) {
        String u = unwrap(uri);
        int colon = u.indexOf(':');
        return colon > 0 ? u.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    }

    /** The scheme (langchain4j-chat, openai, http) says nothing about intent; the path and names may. */
    static String delegatePath(String uri) {
        String u = unwrap(uri);
        int colon = u.indexOf(':');
        String rest = colon >= 0 ? u.substring(colon + 1) : u;
        int q = rest.indexOf('?');
        return q >= 0 ? rest.substring(0, q) : rest;
    }
}
