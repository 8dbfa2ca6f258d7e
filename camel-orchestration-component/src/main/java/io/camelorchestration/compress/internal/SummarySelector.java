package io.camelorchestration.compress.internal;

import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.Relatedness;

/**
 * Extractive summary for aggressive steps without a question: keeps, up to a share of the tokens, the units that
 * are central to the text, open it or its paragraphs, and carry names and figures not yet kept. Units holding
 * protected spans are always kept when the request protects them. Original order is kept.
 */
public final class SummarySelector extends AggressiveSelector {

    /** Share of the input's tokens an aggressive summary keeps. */
    public static final double DEFAULT_KEEP = 0.40;

    public SummarySelector(double keep, Relatedness relatedness) {
        super(keep, relatedness);
    }

    @Override
    public String name() {
        return "summary-selection";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        return request.level() == CompressionLevel.AGGRESSIVE && Shapes.selectable(request)
                && !Terms.hasContentWords(request.instruction());
    }

    @Override
    boolean[] choose(UnitDocument doc, int[] unitTokens, boolean[] mandatory, int target, CompressionRequest request) {
        // the step gave no question, but the prompt may hold one ("Is this urgent? Answer yes or no."): then the
        // sentences that bear on it are worth more than a general summary
        String asked = doc.directiveText();
        boolean decision = QuestionAwareSelector.decides(request);
        if (!Terms.hasContentWords(asked)) {
            // a decision with no question to go by: nothing tells the evidence apart, cut lightly
            return select(doc, unitTokens, mandatory, decision
                    ? Math.max(target, (int) (Selection.sum(unitTokens) * QuestionAwareSelector.DECISION_THIN_KEEP))
                    : target, null);
        } else if (decision) {
            return QuestionAwareSelector.selectEvidence(doc, unitTokens, mandatory, target, asked, relatedness);
        } else {
            return QuestionAwareSelector.select(doc, unitTokens, mandatory, target, asked);
        }
    }

    /**
     * Greedy: each round takes the unit with the best value per token, where value is its static score plus a
     * bonus per name or figure it would add. {@code prior} (may be null) is blended in as extra static score.
     */
    static boolean[] select(UnitDocument doc, int[] unitTokens, boolean[] mandatory, int target, double[] prior) {
        int n = doc.size();
        double[] central = Centrality.normalized(Centrality.scores(doc));
        double[] position = Selection.position(doc);
        int[][] facts = doc.facts;
        int maxFact = 0;
        for (int[] f : facts) {
            for (int id : f) {
                maxFact = Math.max(maxFact, id + 1);
            }
        }
        boolean[] covered = new boolean[maxFact];
        double[] base = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = 0.6 * central[i] + 0.25 * position[i] + (prior == null ? 0 : prior[i]);
        }
        boolean[] keep = new boolean[n];
        int used = 0;
        if (mandatory != null) {
            for (int i = 0; i < n; i++) {
                if (mandatory[i]) {
                    keep[i] = true;
                    used += unitTokens[i];
                    for (int f : facts[i]) {
                        covered[f] = true;
                    }
                }
            }
        }
        // lazy greedy: a unit's value only falls as more facts are covered, so a stale value is an upper bound and
        // only the top of the queue needs re-evaluating; O(n log n) instead of O(n^2) on long inputs
        java.util.PriorityQueue<double[]> queue = new java.util.PriorityQueue<>(Math.max(1, n),
                (a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        for (int i = 0; i < n; i++) {
            if (!keep[i]) {
                queue.add(new double[] {value(base[i], facts[i], covered, unitTokens[i]), i});
            }
        }
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int i = (int) top[1];
            if (used + unitTokens[i] > target) {
                continue; // never fits again: the budget only shrinks
            }
            double fresh = value(base[i], facts[i], covered, unitTokens[i]);
            if (fresh < top[0] && !queue.isEmpty() && fresh < queue.peek()[0]) {
                top[0] = fresh;
                queue.add(top);
                continue;
            }
            keep[i] = true;
            used += unitTokens[i];
            for (int f : facts[i]) {
                covered[f] = true;
            }
        }
        return keep;
    }

    /** Static score plus a bonus per name or figure not yet kept, per square root of the unit's tokens. */
    private static double value(double base, int[] facts, boolean[] covered, int tokens) {
        int fresh = 0;
        for (int f : facts) {
            if (!covered[f]) {
                fresh++;
            }
        }
        return (base + 0.15 * fresh) / Math.sqrt(Math.max(8, tokens));
    }
}
