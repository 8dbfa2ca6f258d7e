package io.camelorchestration.compress.internal;

import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionStrategy;
import io.camelorchestration.compress.Relatedness;

/**
 * What the two aggressive selectors share ({@link QuestionAwareSelector} for a step with a question,
 * {@link SummarySelector} for one without): the share of the tokens they keep, the relatedness they judge a decision's
 * evidence by, and the frame of a selection. A text of fewer than three units stays as it came; the units holding
 * protected spans (when the request protects them) and the prompt's own directives are mandatory; the target is the
 * share of the text's tokens; the units chosen are rendered in their original order, and a choice of all of them or of
 * none leaves the text as it came.
 */
abstract sealed class AggressiveSelector implements CompressionStrategy permits QuestionAwareSelector, SummarySelector {

    /** Share of the input's tokens kept. */
    final double keep;
    /** Judges which sentences bear on a decision's question by meaning; may be null (none could judge it). */
    final Relatedness relatedness;

    AggressiveSelector(double keep, Relatedness relatedness) {
        this.keep = keep;
        this.relatedness = relatedness;
    }

    @Override
    public final boolean selectsWholeUnits() {
        return true;
    }

    @Override
    public final String apply(String text, CompressionRequest request) {
        UnitDocument doc = UnitDocument.of(text);
        if (doc.size() < 3) {
            return text;
        }
        int[] unitTokens = doc.tokens();
        int target = (int) (Selection.sum(unitTokens) * keep);
        boolean[] mandatory = doc.mandatory(request.protectSpans());
        boolean[] kept = choose(doc, unitTokens, mandatory, target, request);
        return Selection.all(kept) || !Selection.any(kept) ? text : doc.render(kept);
    }

    /**
     * The units to keep.
     *
     * @param unitTokens each unit's tokens
     * @param mandatory  the units that must stay
     * @param target     the tokens to keep at the most (a decision may keep more: see {@link QuestionAwareSelector})
     */
    abstract boolean[] choose(UnitDocument doc, int[] unitTokens, boolean[] mandatory, int target,
            CompressionRequest request);
}
