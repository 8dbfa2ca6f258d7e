package io.camelorchestration.compression;

import io.camelorchestration.intent.Intent;

/**
 * For extraction at the light level: drops the units that hold no protected span (number, amount, date, id,
 * e-mail address, URL, code, quoted string) and that the instruction does not ask about. Every protected span is
 * kept verbatim, since only whole units without any are dropped. A unit is "asked about" when its BM25 score against
 * the instruction reaches half of the best unit's.
 */
public final class SpanKeepingSelector implements CompressionStrategy {

    private static final double RELEVANT = 0.5;

    @Override
    public String name() {
        return "span-keeping-selection";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        return request.level() == CompressionLevel.LIGHT && request.protectSpans()
                && request.intent() == Intent.EXTRACT && Shapes.selectable(request);
    }

    @Override
    public String apply(String text, CompressionRequest request) {
        UnitDocument doc = UnitDocument.of(text);
        if (doc.size() < 3) {
            return text;
        }
        boolean[] keep = doc.mandatory(true);
        double[] relevance = Centrality.normalized(Bm25.scores(doc, doc.vocabulary.ofQuery(request.instruction())));
        for (int i = 0; i < keep.length; i++) {
            keep[i] |= relevance[i] >= RELEVANT;
        }
        return Selection.all(keep) || !Selection.any(keep) ? text : doc.render(keep);
    }
}
