package io.camelorchestration.compression;

import io.camelorchestration.intent.Intent;

/**
 * Question-aware extractive selection for aggressive steps with an instruction: scores every unit against the
 * instruction with BM25 and keeps the best up to a share of the tokens, in their original order. Centrality breaks
 * ties between units the instruction does not touch; when nothing matches the instruction at all, this is the
 * {@link SummarySelector}'s choice. Units holding protected spans are always kept when the request protects them.
 * <p>
 * A decision step ({@code conditional}, {@code filter}) is answered from a few sentences whose words are often not the
 * question's ("is it urgent?" against "the dam is threatened"): its question is widened with related words
 * ({@link DecisionWords}), every sentence that bears on it is kept while they fit in three quarters of the text, and
 * when nothing bears on it the text is cut only lightly, since the evidence may be worded in a way nothing here knows.
 */
public final class QuestionAwareSelector implements CompressionStrategy {

    /** Share of the input's tokens an aggressive, question-aware selection keeps. */
    public static final double DEFAULT_KEEP = 0.40;

    /** A decision step keeps every sentence bearing on its question while they take at most this share. */
    static final double DECISION_EVIDENCE_CAP = 0.75;
    /** A decision step whose question nothing in the text bears on keeps this share. */
    static final double DECISION_THIN_KEEP = 0.70;

    private final double keep;

    public QuestionAwareSelector(double keep) {
        this.keep = keep;
    }

    public QuestionAwareSelector() {
        this(DEFAULT_KEEP);
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
    public String apply(String text, CompressionRequest request) {
        UnitDocument doc = UnitDocument.of(text);
        if (doc.size() < 3) {
            return text;
        }
        int[] unitTokens = doc.tokens();
        int target = (int) (Selection.sum(unitTokens) * keep);
        boolean[] mandatory = doc.mandatory(request.protectSpans());
        boolean[] kept = select(doc, unitTokens, mandatory, target, request.instruction(), decides(request));
        return Selection.all(kept) || !Selection.any(kept) ? text : doc.render(kept);
    }

    /** Whether the step decides (a branch, or which items stay) rather than answers. */
    static boolean decides(CompressionRequest request) {
        return request.intent() == Intent.CONDITIONAL || request.intent() == Intent.FILTER;
    }

    /**
     * The units most relevant to the question, up to the target; the summary's choice when none is. A decision keeps
     * its evidence (see the class comment).
     */
    static boolean[] select(UnitDocument doc, int[] unitTokens, boolean[] mandatory, int target, String question,
            boolean decision) {
        String asked = decision ? DecisionWords.expand(question) : question;
        double[] relevance = Centrality.normalized(Bm25.scores(doc, doc.vocabulary.ofQuery(asked)));
        boolean[] bearing = nonZero(relevance);
        int total = Selection.sum(unitTokens);
        if (!Selection.any(bearing)) {
            int t = decision ? Math.max(target, (int) (total * DECISION_THIN_KEEP)) : target;
            return SummarySelector.select(doc, unitTokens, mandatory, t, null);
        }
        double[] central = Centrality.normalized(Centrality.scores(doc));
        double[] score = new double[relevance.length];
        for (int i = 0; i < score.length; i++) {
            score[i] = relevance[i] + 0.1 * central[i];
        }
        if (decision) {
            boolean[] evidence = mandatory == null ? new boolean[bearing.length] : mandatory.clone();
            for (int i = 0; i < evidence.length; i++) {
                evidence[i] |= bearing[i];
            }
            int cap = (int) (total * DECISION_EVIDENCE_CAP);
            int needed = Selection.sum(unitTokens, evidence);
            if (needed <= cap) {
                return Selection.byScore(score, unitTokens, evidence, Math.max(target, needed));
            }
            // evidence everywhere: the most relevant of it, up to the cap
            return Selection.byScore(score, unitTokens, mandatory, cap);
        }
        return Selection.byScore(score, unitTokens, mandatory, target);
    }

    private static boolean[] nonZero(double[] values) {
        boolean[] b = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = values[i] > 0;
        }
        return b;
    }
}
