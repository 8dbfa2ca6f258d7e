package io.camelorchestration.embeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.camelorchestration.classify.Intent;

/**
 * The labelled examples as unit vectors, embedded once (in one batch), and the step's similarity to each intent.
 * Immutable once built: classifications on many threads read it without locks.
 */
final class ExampleIndex {

    private static final Intent[] INTENTS = Intent.values();

    private final EmbeddingModel model;
    private final EmbeddingSettings settings;
    /** One row per example. */
    private final float[][] vectors;
    private final int[] intents;
    /** Per intent, the normalised mean of its examples (CENTROID). */
    private final float[][] centroids;

    ExampleIndex(EmbeddingModel model, List<IntentExample> examples, EmbeddingSettings settings) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no labelled examples");
        }
        this.model = model;
        this.settings = settings;
        List<String> texts = new ArrayList<>();
        for (IntentExample e : examples) {
            texts.add(StepText.text(null, e.description()));
            texts.add(StepText.idWords(e.stepId()));
        }
        float[][] parts = embedAll(texts);
        this.vectors = new float[examples.size()][];
        this.intents = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            vectors[i] = combine(parts[2 * i], parts[2 * i + 1]);
            intents[i] = examples.get(i).intent().ordinal();
        }
        this.centroids = new float[INTENTS.length][];
        for (int k = 0; k < INTENTS.length; k++) {
            float[] sum = null;
            for (int i = 0; i < vectors.length; i++) {
                if (intents[i] == k && vectors[i] != null) {
                    sum = add(sum, vectors[i], 1);
                }
            }
            centroids[k] = sum == null ? null : normalise(sum);
        }
    }

    int size() {
        return vectors.length;
    }

    /** The step as one unit vector, or null when it has no words at all. */
    float[] query(String text, String idWords) {
        return combine(embed(text), embed(idWords));
    }

    /** Per intent, how close the step is (cosine; -1 for an intent without examples). */
    double[] scores(float[] q) {
        double[] s = new double[INTENTS.length];
        Arrays.fill(s, -1);
        if (settings.scoring() == Scoring.CENTROID) {
            for (int k = 0; k < INTENTS.length; k++) {
                if (centroids[k] != null) {
                    s[k] = dot(q, centroids[k]);
                }
            }
            return s;
        }
        int n = settings.neighbours();
        // the n best similarities per intent, highest first
        double[][] best = new double[INTENTS.length][n];
        for (double[] b : best) {
            Arrays.fill(b, Double.NEGATIVE_INFINITY);
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) {
                continue;
            }
            double d = dot(q, vectors[i]);
            double[] b = best[intents[i]];
            if (d > b[n - 1]) {
                int j = n - 1;
                while (j > 0 && b[j - 1] < d) {
                    b[j] = b[j - 1];
                    j--;
                }
                b[j] = d;
            }
        }
        for (int k = 0; k < INTENTS.length; k++) {
            double sum = 0;
            int m = 0;
            for (double d : best[k]) {
                if (d != Double.NEGATIVE_INFINITY) {
                    sum += d;
                    m++;
                }
            }
            if (m > 0) {
                s[k] = sum / m;
            }
        }
        return s;
    }

    private float[] embed(String text) {
        if (text.isEmpty()) {
            return null;
        }
        return normalise(model.embed(text).content().vector());
    }

    private float[][] embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!texts.get(i).isEmpty()) {
                segments.add(TextSegment.from(texts.get(i)));
                at.add(i);
            }
        }
        float[][] out = new float[texts.size()][];
        if (!segments.isEmpty()) {
            List<Embedding> embeddings = model.embedAll(segments).content();
            for (int j = 0; j < embeddings.size(); j++) {
                out[at.get(j)] = normalise(embeddings.get(j).vector());
            }
        }
        return out;
    }

    /** The text and the id, weighted and summed: one direction that holds both. */
    private float[] combine(float[] text, float[] id) {
        if (text == null && id == null) {
            return null;
        }
        if (id == null) {
            return text;
        }
        if (text == null) {
            return id;
        }
        float[] v = add(null, text, 1);
        return normalise(add(v, id, settings.idWeight()));
    }

    private static float[] add(float[] sum, float[] v, double weight) {
        float[] s = sum == null ? new float[v.length] : sum;
        for (int i = 0; i < v.length; i++) {
            s[i] += (float) (v[i] * weight);
        }
        return s;
    }

    static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        float[] out = new float[v.length];
        if (n == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
