package io.camelorchestration.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.camelorchestration.classify.Classification;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.KeywordIntentClassifier;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.embeddings.Combination;
import io.camelorchestration.embeddings.EmbeddingIntentClassifier;
import io.camelorchestration.embeddings.EmbeddingSettings;
import io.camelorchestration.embeddings.IntentExample;
import io.camelorchestration.embeddings.Scoring;

/**
 * How the embedding classifier's defaults were chosen: every setting scored by leave-one-out over the bundled examples
 * alone (each example classified against all the others), so that no held-out line takes part in the choice.
 */
final class EmbeddingSweep {

    private static final double[] THRESHOLDS = {0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.07, 0.10};

    private EmbeddingSweep() {
    }

    static void run(EmbeddingModel model, List<IntentExample> examples) {
        KeywordIntentClassifier keywords = new KeywordIntentClassifier();
        List<Classification> byKeywords = new ArrayList<>();
        for (IntentExample e : examples) {
            byKeywords.add(keywords.classify(step(e)));
        }
        System.out.println();
        System.out.println("settings sweep, leave-one-out over the " + examples.size() + " bundled examples (each"
                + " classified against all the others; no held-out line takes part):");
        System.out.println("| combination | scoring | id weight | accuracy, margin 0 | best margin | accuracy there | wrong, not generate |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (Object[] scoring : new Object[][] {{Scoring.NEAREST, 1}, {Scoring.NEAREST, 3}, {Scoring.NEAREST, 5},
                {Scoring.CENTROID, 1}}) {
            for (double idWeight : new double[] {0, 0.5, 1}) {
                EmbeddingSettings s = new EmbeddingSettings((Scoring) scoring[0], (Integer) scoring[1], idWeight, 0,
                        Combination.EMBEDDINGS_ONLY);
                List<Classification> byModel = leaveOneOut(model, examples, s);
                for (Combination c : Combination.values()) {
                    double best = -1;
                    double at = 0;
                    int wrongThere = 0;
                    for (double t : THRESHOLDS) {
                        int[] r = score(examples, byModel, byKeywords, c, t);
                        if (r[0] > best) {
                            best = r[0];
                            at = t;
                            wrongThere = r[1];
                        }
                    }
                    int[] zero = score(examples, byModel, byKeywords, c, 0);
                    String name = scoring[0] == Scoring.NEAREST ? "nearest " + scoring[1] : "centroid";
                    System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f%% | %.2f | %.1f%% | %d |%n", c, name, idWeight,
                            100.0 * zero[0] / examples.size(), at, 100.0 * best / examples.size(), wrongThere);
                }
            }
        }
    }

    private static StepDescription step(IntentExample e) {
        return new StepDescription(e.stepId(), e.description(), ClassificationBenchmark.DELEGATE, null, "");
    }

    /** [right, wrong and not generate] for one way of combining the model's and the keywords' answers. */
    private static int[] score(List<IntentExample> examples, List<Classification> byModel,
            List<Classification> byKeywords, Combination combination, double threshold) {
        int right = 0;
        int wrong = 0;
        for (int i = 0; i < examples.size(); i++) {
            Classification m = byModel.get(i);
            Classification k = byKeywords.get(i);
            boolean modelSure = m.confidence() >= threshold;
            boolean keywordsSure = k.intent() != Intent.GENERATE;
            Intent answer = switch (combination) {
                case KEYWORDS_FIRST -> keywordsSure ? k.intent() : modelSure ? m.intent() : Intent.GENERATE;
                case EMBEDDINGS_FIRST -> modelSure ? m.intent() : keywordsSure ? k.intent() : Intent.GENERATE;
                case EMBEDDINGS_ONLY -> modelSure ? m.intent() : Intent.GENERATE;
            };
            if (answer == examples.get(i).intent()) {
                right++;
            } else if (answer != Intent.GENERATE) {
                wrong++;
            }
        }
        return new int[] {right, wrong};
    }

    private static List<Classification> leaveOneOut(EmbeddingModel model, List<IntentExample> examples,
            EmbeddingSettings settings) {
        List<Classification> out = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            List<IntentExample> others = new ArrayList<>(examples);
            IntentExample left = others.remove(i);
            EmbeddingIntentClassifier c = new EmbeddingIntentClassifier(model, others, settings);
            out.add(c.classify(step(left)));
        }
        return out;
    }
}
