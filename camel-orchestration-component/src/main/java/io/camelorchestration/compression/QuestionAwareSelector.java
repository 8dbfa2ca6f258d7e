package io.camelorchestration.compression;

/**
 * Question-aware extractive selection for aggressive steps with an instruction: scores every unit against the
 * instruction with BM25 and keeps the best up to a share of the tokens, in their original order. Centrality breaks
 * ties between units the instruction does not touch; when nothing matches the instruction at all, this is the
 * {@link SummarySelector}'s choice. Units holding protected spans are always kept when the request protects them.
 */
public final class QuestionAwareSelector implements CompressionStrategy {

    /** Share of the input's tokens an aggressive, question-aware selection keeps. */
    public static final double DEFAULT_KEEP = 0.40;

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
        boolean[] kept = select(doc, unitTokens, mandatory, target, request.instruction());
        return Selection.all(kept) || !Selection.any(kept) ? text : doc.render(kept);
    }

    /** The units most relevant to the question, up to the target; the summary's choice when none is. */
    static boolean[] select(UnitDocument doc, int[] unitTokens, boolean[] mandatory, int target, String question) {
        double[] relevance = Centrality.normalized(Bm25.scores(doc, doc.vocabulary.ofQuery(question)));
        boolean[] kept;
        if (!Selection.any(nonZero(relevance))) {
            kept = SummarySelector.select(doc, unitTokens, mandatory, target, null);
        } else {
            double[] central = Centrality.normalized(Centrality.scores(doc));
            double[] score = new double[relevance.length];
            for (int i = 0; i < score.length; i++) {
                score[i] = relevance[i] + 0.1 * central[i];
            }
            kept = Selection.byScore(score, unitTokens, mandatory, target);
        }
        return kept;
    }

    private static boolean[] nonZero(double[] values) {
        boolean[] b = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = values[i] > 0;
        }
        return b;
    }
}
