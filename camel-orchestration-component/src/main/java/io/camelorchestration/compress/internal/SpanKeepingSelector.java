package io.camelorchestration.compress.internal;

import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionStrategy;

/**
 * For extraction at the light level: drops the units that hold no protected span (number, amount, date, id,
 * e-mail address, URL, code, quoted string), name no one not named elsewhere in what is kept, and that the
 * instruction does not ask about. Every protected span is kept verbatim, since only whole units without any are
 * dropped, and every name keeps at least one mention. A unit is "asked about" when its BM25 score against the
 * instruction reaches half of the best unit's.
 */
public final class SpanKeepingSelector implements CompressionStrategy {

    private static final double RELEVANT = 0.5;

    /** Names are what extraction asks for most: the first sentence naming someone not named in a kept one stays. */
    private static void keepFirstMentions(UnitDocument doc, boolean[] keep) {
        int[][] facts = doc.facts;
        int max = 0;
        for (int[] f : facts) {
            for (int id : f) {
                max = Math.max(max, id + 1);
            }
        }
        boolean[] covered = new boolean[max];
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                for (int id : facts[i]) {
                    covered[id] = true;
                }
            }
        }
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                continue;
            }
            for (int id : facts[i]) {
                if (!covered[id]) {
                    keep[i] = true;
                    break;
                }
            }
            if (keep[i]) {
                for (int id : facts[i]) {
                    covered[id] = true;
                }
            }
        }
    }

    @Override
    public boolean selectsWholeUnits() {
        return true;
    }

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
        keepFirstMentions(doc, keep);
        return Selection.all(keep) || !Selection.any(keep) ? text : doc.render(keep);
    }
}
