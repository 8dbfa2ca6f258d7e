package io.camelorchestration.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.embeddings.BundledModel;
import io.camelorchestration.embeddings.Combination;
import io.camelorchestration.embeddings.EmbeddingIntentClassifier;
import io.camelorchestration.embeddings.EmbeddingSettings;
import io.camelorchestration.embeddings.IntentExample;
import io.camelorchestration.embeddings.Scoring;

/**
 * Which in-process model of langchain4j's release (the one that matches ${langchain4j-beta.version}) separates the
 * intents best. Per model, two figures:
 * <ul>
 * <li><b>honest</b>: accuracy on others-heldout-steps.tsv with the bundled examples and today's settings
 * ({@link EmbeddingSettings#DEFAULTS}: nearest 5, margin, keyword fallback), as {@link EmbeddingIntentClassifier}
 * answers;</li>
 * <li><b>ceiling</b>: leave-one-out over ALL labelled lines together (bundled examples and the held-out set, each
 * line classified against all the others), the model alone without margin, the best of nearest 1/3/5 and centroid
 * and of step-id weights 0/0.5/1: an upper bound of what this model separates with these labels. It uses held-out
 * lines as examples, so it never chooses a setting; it only says how far any choice could go.</li>
 * </ul>
 * Each model is used as its model card says: the pooling is built into langchain4j's class (BGE: CLS; e5, MiniLM:
 * mean); e5 is given "query: " before every text (symmetric tasks, both sides). Run from the project root:
 *
 * <pre>
 * nice -n 10 mvn -B -q -o -Pbench -pl camel-orchestration-benchmarks -am package -DskipTests -Dbenchmark=ModelComparison
 * </pre>
 */
public final class ModelComparison {

    record Candidate(String name, String artifact, String licence, Supplier<EmbeddingModel> load, String prefix) {
    }

    private ModelComparison() {
    }

    public static void main(String[] args) throws IOException {
        List<Candidate> candidates = List.of(
                new Candidate("all-MiniLM-L6-v2 (bundled)", "all-minilm-l6-v2", "Apache-2.0",
                        AllMiniLmL6V2EmbeddingModel::new, ""),
                new Candidate("all-MiniLM-L6-v2, quantized", "all-minilm-l6-v2-q", "Apache-2.0",
                        AllMiniLmL6V2QuantizedEmbeddingModel::new, ""),
                new Candidate("bge-small-en-v1.5", "bge-small-en-v15", "MIT", BgeSmallEnV15EmbeddingModel::new, ""),
                new Candidate("bge-small-en-v1.5, quantized", "bge-small-en-v15-q", "MIT",
                        BgeSmallEnV15QuantizedEmbeddingModel::new, ""),
                new Candidate("e5-small-v2", "e5-small-v2", "MIT", E5SmallV2EmbeddingModel::new, "query: "),
                new Candidate("e5-small-v2, quantized", "e5-small-v2-q", "MIT", E5SmallV2QuantizedEmbeddingModel::new,
                        "query: "));
        List<IntentExample> examples = BundledModel.examples();
        List<IntentExample> heldOut = read(ClassificationBenchmark.locate(ClassificationBenchmark.SETS)
                .resolve("others-heldout-steps.tsv"));
        List<IntentExample> all = new ArrayList<>(examples);
        all.addAll(heldOut);
        System.out.printf(Locale.ROOT, "model comparison, %s; %d bundled examples, %d held-out lines by others%n",
                Instant.now(), examples.size(), heldOut.size());
        List<String> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            if (args.length > 0 && !List.of(args).contains(c.artifact())) {
                continue;
            }
            long t0 = System.nanoTime();
            EmbeddingModel raw = c.load().get();
            raw.embed("warm up");
            double loadS = (System.nanoTime() - t0) / 1e9;
            EmbeddingModel model = c.prefix().isEmpty() ? raw : new Prefixed(raw, c.prefix());
            double cpuMs = cpuPerText(model, heldOut);
            CachedEmbeddings cached = new CachedEmbeddings(model);

            EmbeddingIntentClassifier honest = new EmbeddingIntentClassifier(cached, examples,
                    EmbeddingSettings.DEFAULTS);
            int right = 0;
            for (IntentExample l : heldOut) {
                if (honest.classify(step(l)).intent() == l.intent()) {
                    right++;
                }
            }
            double best = -1;
            String bestAt = "";
            for (Object[] scoring : new Object[][] {{Scoring.NEAREST, 1}, {Scoring.NEAREST, 3}, {Scoring.NEAREST, 5},
                    {Scoring.CENTROID, 1}}) {
                for (double w : new double[] {0, 0.5, 1}) {
                    EmbeddingSettings s = new EmbeddingSettings((Scoring) scoring[0], (Integer) scoring[1], w, 0,
                            Combination.EMBEDDINGS_ONLY);
                    double a = leaveOneOut(cached, all, s);
                    if (a > best) {
                        best = a;
                        bestAt = (scoring[0] == Scoring.NEAREST ? "nearest " + scoring[1] : "centroid") + ", id "
                                + w;
                    }
                }
            }
            String row = String.format(Locale.ROOT, "| %s | %s | %.1f MB | %.1f s | %.1f ms | **%.1f%%** (%d/%d) |"
                    + " %.1f%% (%s) |", c.name(), c.licence(), jarMb(c.artifact()), loadS, cpuMs,
                    100.0 * right / heldOut.size(), right, heldOut.size(), 100 * best, bestAt);
            System.out.println(row);
            rows.add(row);
        }
        System.out.println();
        System.out.println("| model | licence | jar | load + first text | CPU per text | honest: held-out, today's"
                + " settings | ceiling: leave-one-out over all " + all.size() + " lines, model alone |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        rows.forEach(System.out::println);
    }

    /** Leave-one-out accuracy over the lines, each classified against all the others. */
    static double leaveOneOut(EmbeddingModel model, List<IntentExample> lines, EmbeddingSettings s) {
        int right = 0;
        for (int i = 0; i < lines.size(); i++) {
            List<IntentExample> others = new ArrayList<>(lines);
            IntentExample left = others.remove(i);
            if (new EmbeddingIntentClassifier(model, others, s).classify(step(left)).intent() == left.intent()) {
                right++;
            }
        }
        return (double) right / lines.size();
    }

    /** CPU milliseconds to embed one text of the held-out set (a new instruction pays two: its text and the id). */
    private static double cpuPerText(EmbeddingModel model, List<IntentExample> lines) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20; i++) {
            model.embed(lines.get(i).description());
        }
        int n = Math.min(100, lines.size());
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            model.embed(lines.get(i).description() + " #" + i);
        }
        return (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
    }

    private static double jarMb(String artifact) {
        String v = "1.10.0-beta18";
        Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/dev/langchain4j",
                "langchain4j-embeddings-" + artifact, v, "langchain4j-embeddings-" + artifact + "-" + v + ".jar");
        try {
            return Files.size(jar) / 1e6;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static StepDescription step(IntentExample e) {
        return new StepDescription(e.stepId(), e.description(), ClassificationBenchmark.DELEGATE, null, "");
    }

    private static List<IntentExample> read(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return IntentExample.read(in, p.toString());
        }
    }

    /** The model card's prefix before every text (e5: "query: "). */
    private record Prefixed(EmbeddingModel model, String prefix) implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return model.embedAll(segments.stream().map(s -> TextSegment.from(prefix + s.text())).toList());
        }
    }
}
