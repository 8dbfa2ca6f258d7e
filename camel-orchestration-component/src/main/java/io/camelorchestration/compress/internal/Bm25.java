package io.camelorchestration.compress.internal;

/**
 * Okapi BM25 of each unit of a document against a query, the units being the "documents" of the collection
 * (k1 = 1.2, b = 0.75). Rare query words that a unit shares weigh most; long units are not favoured for length.
 */
final class Bm25 {

    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private Bm25() {
    }

    static double[] scores(UnitDocument doc, int[] query) {
        int n = doc.size();
        double[] scores = new double[n];
        if (query.length == 0 || n == 0) {
            return scores;
        }
        double[] idf = new double[query.length];
        for (int q = 0; q < query.length; q++) {
            int df = doc.df[query[q]];
            idf[q] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        }
        double avg = Math.max(1e-9, doc.avgLength);
        for (int i = 0; i < n; i++) {
            int[] terms = doc.terms[i];
            double norm = K1 * (1 - B + B * terms.length / avg);
            double s = 0;
            for (int q = 0; q < query.length; q++) {
                int tf = 0;
                for (int t : terms) {
                    if (t == query[q]) {
                        tf++;
                    }
                }
                if (tf > 0) {
                    s += idf[q] * tf * (K1 + 1) / (tf + norm);
                }
            }
            scores[i] = s;
        }
        return scores;
    }
}
