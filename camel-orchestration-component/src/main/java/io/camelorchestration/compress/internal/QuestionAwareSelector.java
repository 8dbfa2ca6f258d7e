package io.camelorchestration.compress.internal;

import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.Relatedness;

/**
 * Question-aware extractive selection for aggressive steps with an instruction: scores every unit against the
 * instruction with BM25 and keeps the best up to a share of the tokens, in their original order. Centrality breaks
 * ties between units the instruction does not touch; when nothing matches the instruction at all, this is the
 * {@link SummarySelector}'s choice. Units holding protected spans are always kept when the request protects them.
 * <p>
 * A decision step ({@code conditional}, {@code filter}) is answered from a few sentences whose words are often not the
 * question's ("is it urgent?" against "the dam is threatened"): every sentence that bears on the question by meaning
 * ({@link Relatedness}) is kept while they fit in three quarters of the text, then those sharing its words as for
 * any question, and when nothing bears on it either way the text is cut less than other steps' (only lightly when no
 * relatedness could judge the question), since the evidence may be worded in a way nothing here knows. (A filter step's text is never selected from at all: see {@link Shapes}.)
 */
public final class QuestionAwareSelector extends AggressiveSelector {

    /** Share of the input's tokens an aggressive, question-aware selection keeps. */
    public static final double DEFAULT_KEEP = 0.40;

    /** A decision step keeps every sentence bearing on its question while they take at most this share. */
    static final double DECISION_EVIDENCE_CAP = 0.75;
    /**
     * A decision step keeps this share when nothing in the text bears on its question and nothing could judge it by
     * meaning (no {@link Relatedness} knows what it asks): the evidence may be there in words nothing here knows.
     */
    static final double DECISION_THIN_KEEP = 0.70;
    /**
     * A decision step keeps this share when its {@link Relatedness} judged every sentence and found none bearing on
     * the question (nor shares its words): a little more than other steps keep, for what it may have missed.
     */
    static final double DECISION_NONE_FOUND_KEEP = 0.50;

    public QuestionAwareSelector(double keep, Relatedness relatedness) {
        super(keep, relatedness);
    }

    @Override
    public String name() {
        return "question-aware-selection";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        return request.level() == CompressionLevel.AGGRESSIVE && Shapes.selectable(request)
                && Terms.hasContentWords(request.instruction());
    }

    @Override
    boolean[] choose(UnitDocument doc, int[] unitTokens, boolean[] mandatory, int target, CompressionRequest request) {
        return decides(request)
                ? selectEvidence(doc, unitTokens, mandatory, target, request.instruction(), relatedness)
                : select(doc, unitTokens, mandatory, target, request.instruction());
    }

    /** Whether the step decides (a branch, or which items stay) rather than answers. */
    static boolean decides(CompressionRequest request) {
        return request.intent() == Intent.CONDITIONAL || request.intent() == Intent.FILTER;
    }

    /** The units most relevant to the question, up to the target; the summary's choice when none is. */
    static boolean[] select(UnitDocument doc, int[] unitTokens, boolean[] mandatory, int target, String question) {
        double[] relevance = Centrality.normalized(Bm25.scores(doc, doc.vocabulary.ofQuery(question)));
        if (!Selection.any(nonZero(relevance, null))) {
            return SummarySelector.select(doc, unitTokens, mandatory, target, null);
        }
        return Selection.byScore(withCentrality(doc, relevance), unitTokens, mandatory, target);
    }

    /**
     * For a decision: the units bearing on the question by meaning ({@link Relatedness}), all of them while they fit
     * in {@link #DECISION_EVIDENCE_CAP} of the text (the most relevant up to it when they do not), topped up to the
     * target with the units that share its words. When no unit but the question itself bears on it either way, a
     * summary of {@link #DECISION_NONE_FOUND_KEEP} of the text if the relatedness judged the question, of
     * {@link #DECISION_THIN_KEEP} if it could not.
     */
    static boolean[] selectEvidence(UnitDocument doc, int[] unitTokens, boolean[] mandatory, int target,
            String question, Relatedness relatedness) {
        double[] relevance = Centrality.normalized(Bm25.scores(doc, doc.vocabulary.ofQuery(question)));
        double[] related = relatedness == null ? null : relatedness.scores(question, doc.unitTexts());
        boolean[] evidence = new boolean[relevance.length];
        if (related != null) {
            for (int i = 0; i < relevance.length; i++) {
                relevance[i] = Math.max(relevance[i], related[i]);
                evidence[i] = related[i] > 0;
            }
        }
        // the question in the prompt bears on itself: it is kept anyway and is no evidence
        int total = Selection.sum(unitTokens);
        if (!Selection.any(nonZero(relevance, mandatory))) {
            double share = related == null ? DECISION_THIN_KEEP : DECISION_NONE_FOUND_KEEP;
            return SummarySelector.select(doc, unitTokens, mandatory, Math.max(target, (int) (total * share)), null);
        }
        double[] score = withCentrality(doc, relevance);
        int cap = (int) (total * DECISION_EVIDENCE_CAP);
        for (int i = 0; i < evidence.length; i++) {
            evidence[i] |= mandatory != null && mandatory[i];
        }
        int needed = Selection.sum(unitTokens, evidence);
        if (needed <= cap) {
            return Selection.byScore(score, unitTokens, evidence, Math.max(target, needed));
        }
        // evidence everywhere: the most relevant of it, up to the cap
        return Selection.byScore(score, unitTokens, mandatory, cap);
    }

    private static double[] withCentrality(UnitDocument doc, double[] relevance) {
        double[] central = Centrality.normalized(Centrality.scores(doc));
        double[] score = new double[relevance.length];
        for (int i = 0; i < score.length; i++) {
            score[i] = relevance[i] + 0.1 * central[i];
        }
        return score;
    }

    /** Units scoring above zero, leaving out those marked in {@code except} (may be null). */
    private static boolean[] nonZero(double[] values, boolean[] except) {
        boolean[] b = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = values[i] > 0 && (except == null || !except[i]);
        }
        return b;
    }
}
