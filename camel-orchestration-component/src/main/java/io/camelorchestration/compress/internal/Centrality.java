package io.camelorchestration.compress.internal;

/**
 * How central each unit is to its document: the cosine between the unit's TF-IDF vector and the document's
 * centroid. Units about what the whole text is about score high; digressions score low.
 */
final class Centrality {

    private Centrality() {
    }

    static double[] scores(UnitDocument doc) {
        int n = doc.size();
        double[] scores = new double[n];
        if (n == 0) {
            return scores;
        }
        double[] idf = new double[doc.df.length];
        for (int t = 0; t < idf.length; t++) {
            idf[t] = Math.log((double) (n + 1) / doc.df[t]);
        }
        double[] centroid = new double[idf.length];
        for (int[] terms : doc.terms) {
            for (int t : terms) {
                centroid[t] += idf[t];
            }
        }
        double centroidNorm = 0;
        for (double v : centroid) {
            centroidNorm += v * v;
        }
        centroidNorm = Math.sqrt(centroidNorm);
        int[] tf = new int[idf.length];
        for (int i = 0; i < n; i++) {
            int[] terms = doc.terms[i];
            for (int t : terms) {
                tf[t]++;
            }
            double dot = 0;
            double norm = 0;
            for (int t : terms) {
                if (tf[t] > 0) {
                    double w = tf[t] * idf[t];
                    dot += w * centroid[t];
                    norm += w * w;
                    tf[t] = 0;
                }
            }
            scores[i] = norm == 0 || centroidNorm == 0 ? 0 : dot / (Math.sqrt(norm) * centroidNorm);
        }
        return scores;
    }

    /** Scales to [0, 1] by the maximum; all zeros stay zeros. */
    static double[] normalized(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double[] out = new double[values.length];
        if (max > 0) {
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i] / max;
            }
        }
        return out;
    }
}
