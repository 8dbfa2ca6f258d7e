package io.camelorchestration.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.camelorchestration.classify.Classification;
import io.camelorchestration.classify.ClassificationMemo;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.classify.KeywordIntentClassifier;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.classify.StepIntent;
import io.camelorchestration.embeddings.BundledModel;
import io.camelorchestration.embeddings.EmbeddingIntentClassifier;

/**
 * Accuracy of the keyword and the embedding intent classifiers, side by side, on every labelled set: the project's
 * own (the tuning target, and its held-out part) and the one written by others (the embedding classifier's examples,
 * and the held-out part it never saw), with the 10x10 confusion tables, the misclassified lines, the settings sweep
 * that chose the embedding classifier's defaults, and the cost of classification per message. Run from the project
 * root:
 *
 * <pre>
 * mvn -q -Pbench -pl camel-orchestration-benchmarks -am package -DskipTests -Dbenchmark=ClassificationBenchmark
 * </pre>
 *
 * Arguments (optional, {@code -Dexec.args="a.tsv b.tsv"}): the TSV files to read instead of the component's test
 * resources (columns: expected intent, step id, description, and "ambiguous" for vague steps).
 */
public final class ClassificationBenchmark {

    static final String SETS = "camel-orchestration-component/src/test/resources/intent/";
    /** The embedding classifier's examples written by others (the tuning part; the held-out part is in SETS). */
    static final String OTHERS_TUNING =
            "camel-orchestration-embeddings/src/main/resources/io/camelorchestration/embeddings/examples-others.tsv";
    static final String DELEGATE = "langchain4j-chat:llm?chatModel=#chatModel";
    private static final Intent[] INTENTS = Intent.values();

    record Line(Intent expected, String stepId, String description, boolean ambiguous) {

        StepDescription step() {
            return new StepDescription(stepId, description, DELEGATE, null, "");
        }

        Line withoutStepId() {
            return new Line(expected, "", description, ambiguous);
        }

        Line withoutDescription() {
            return new Line(expected, stepId, "", ambiguous);
        }
    }

    /** What one set scored. */
    record Result(String name, int lines, int correct, int ambiguous, int ambiguousOnDefault, int confidentlyWrong,
            int[][] confusion) {

        double accuracy() {
            return lines == 0 ? 0 : (double) correct / lines;
        }
    }

    private ClassificationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> files = new ArrayList<>();
        if (args.length > 0) {
            for (String a : args) {
                files.add(Path.of(a));
            }
        } else {
            Path dir = locate(SETS);
            files.add(dir.resolve("labelled-steps.tsv"));
            files.add(dir.resolve("heldout-steps.tsv"));
            files.add(locate(OTHERS_TUNING));
            files.add(dir.resolve("others-heldout-steps.tsv"));
        }
        IntentClassifier keywords = new KeywordIntentClassifier();
        long t0 = System.nanoTime();
        EmbeddingModel model = BundledModel.model();
        model.embed("warm up");
        long t1 = System.nanoTime();
        IntentClassifier embeddings = new EmbeddingIntentClassifier();
        embeddings.classify(new StepDescription("warmUp", "", DELEGATE, null, ""));
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "embedding model loaded in %.1f s; %d bundled examples embedded in %.1f s%n",
                (t1 - t0) / 1e9, BundledModel.examples().size(), (t2 - t1) / 1e9);

        List<Line> all = new ArrayList<>();
        List<Result[]> results = new ArrayList<>();
        for (Path f : files) {
            List<Line> lines = read(f);
            all.addAll(lines);
            String name = f.getFileName().toString();
            results.add(new Result[] {evaluate(name + ", keywords", lines, keywords, true),
                    evaluate(name + ", embeddings", lines, embeddings, true)});
        }
        System.out.println();
        System.out.println("| set | lines | keywords | embeddings | vague on generate (k / e) | wrong, not generate (k / e) |");
        System.out.println("| --- | ---: | --- | --- | --- | --- |");
        for (int i = 0; i < files.size(); i++) {
            Result k = results.get(i)[0];
            Result e = results.get(i)[1];
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f%% (%d) | **%.1f%%** (%d) | %d/%d / %d/%d | %d / %d |%n",
                    files.get(i).getFileName(), k.lines(), 100 * k.accuracy(), k.correct(), 100 * e.accuracy(),
                    e.correct(), k.ambiguousOnDefault(), k.ambiguous(), e.ambiguousOnDefault(), e.ambiguous(),
                    k.confidentlyWrong(), e.confidentlyWrong());
        }
        System.out.println();
        System.out.println("(the embedding classifier's examples are labelled-steps.tsv and " + Path.of(OTHERS_TUNING)
                .getFileName() + ": its figures there are of sets it has seen; the held-out sets it never saw)");
        // how much each source of evidence carries alone
        System.out.println();
        System.out.println("| set, keywords | lines | accuracy | vague lines on generate | confidently wrong (not generate) |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (Path f : files) {
            List<Line> lines = read(f);
            row(evaluate(f.getFileName() + ", description only", lines.stream().map(Line::withoutStepId).toList(),
                    keywords, false));
            row(evaluate(f.getFileName() + ", step id only", lines.stream().map(Line::withoutDescription).toList(),
                    keywords, false));
        }
        if (args.length == 0) {
            EmbeddingSweep.run(new CachedEmbeddings(model), BundledModel.examples());
        }
        System.out.println();
        System.out.println("keyword classifier:");
        speed(keywords, all);
        perMessage(keywords, all);
        System.out.println();
        System.out.println("embedding classifier:");
        speed(embeddings, all);
        perMessage(embeddings, all);
    }

    /**
     * What a message pays for classification, as the endpoint classifies (StepIntent): the step's fields were decided at
     * start-up; an instruction is looked up by its fingerprint, and classified only the first time it is seen.
     */
    static void perMessage(IntentClassifier classifier, List<Line> lines) {
        List<StepDescription> steps = lines.stream().map(Line::step).toList();
        ClassificationMemo memo = new ClassificationMemo();
        List<StepIntent> prepared = steps.stream().map(s -> new StepIntent(classifier, s, memo)).toList();
        String body = "Dear team, the parcel for order 4711 arrived damaged; please advise. Regards, Ann";
        long[] counter = {0};
        System.out.println();
        System.out.println("| per message | CPU us | wall us |");
        System.out.println("| --- | ---: | ---: |");
        timed("fixed description (decided at start-up)", prepared, i -> null, body);
        timed("instruction seen before (memo hit)", prepared, i -> steps.get(i).description(), body);
        // a text never seen: the memo misses every time and the classifier runs
        timed("new instruction text (memo miss)", prepared,
                i -> steps.get(i).description() + " #" + counter[0]++, body);
    }

    private static void timed(String what, List<StepIntent> prepared, java.util.function.IntFunction<String> instruction,
            String body) {
        long sink = 0;
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (int i = 0; i < prepared.size(); i++) {
                sink += prepared.get(i).classify(instruction.apply(i), body, 512).intent().ordinal();
            }
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long n = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long until = t0 + 2_000_000_000L;
        while (System.nanoTime() < until) {
            for (int i = 0; i < prepared.size(); i++) {
                sink += prepared.get(i).classify(instruction.apply(i), body, 512).intent().ordinal();
            }
            n += prepared.size();
        }
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", what,
                (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / n, (System.nanoTime() - t0) / 1000.0 / n);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void row(Result r) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f%% (%d/%d) | %d/%d | %d |%n", r.name(), r.lines(),
                100 * r.accuracy(), r.correct(), r.lines(), r.ambiguousOnDefault(), r.ambiguous(), r.confidentlyWrong());
    }

    static Result evaluate(String name, List<Line> lines, IntentClassifier classifier, boolean print) {
        int[][] confusion = new int[INTENTS.length][INTENTS.length];
        int correct = 0;
        int ambiguous = 0;
        int ambiguousOk = 0;
        int confidentlyWrong = 0;
        List<String> wrong = new ArrayList<>();
        for (Line l : lines) {
            Classification c = classifier.classify(l.step());
            confusion[l.expected().ordinal()][c.intent().ordinal()]++;
            if (c.intent() == l.expected()) {
                correct++;
            } else {
                if (c.intent() != Intent.GENERATE) {
                    confidentlyWrong++;
                }
                wrong.add(String.format(Locale.ROOT, "  %-11s -> %-11s %.2f  %s: %s  [%s]", l.expected().id(),
                        c.intent().id(), c.confidence(), l.stepId(), l.description(), c.reason()));
            }
            if (l.ambiguous()) {
                ambiguous++;
                if (c.intent() == Intent.GENERATE) {
                    ambiguousOk++;
                }
            }
        }
        Result r = new Result(name, lines.size(), correct, ambiguous, ambiguousOk, confidentlyWrong, confusion);
        if (print) {
            System.out.printf(Locale.ROOT, "%n== %s: accuracy %.1f%% (%d/%d); vague lines on generate %d/%d%n", name,
                    100 * r.accuracy(), correct, lines.size(), ambiguousOk, ambiguous);
            printConfusion(confusion);
            System.out.println("misclassified:");
            wrong.forEach(System.out::println);
        }
        return r;
    }

    static void printConfusion(int[][] m) {
        StringBuilder head = new StringBuilder(String.format("%-12s", "expected \\ got"));
        for (Intent i : INTENTS) {
            head.append(String.format("%6.5s", i.id()));
        }
        head.append("  recall");
        System.out.println(head);
        int[] columnTotals = new int[INTENTS.length];
        for (int r = 0; r < INTENTS.length; r++) {
            StringBuilder row = new StringBuilder(String.format("%-14s", INTENTS[r].id()));
            int total = 0;
            for (int c = 0; c < INTENTS.length; c++) {
                row.append(String.format("%6s", m[r][c] == 0 ? "." : Integer.toString(m[r][c])));
                total += m[r][c];
                columnTotals[c] += m[r][c];
            }
            row.append(String.format(Locale.ROOT, "  %5.1f%%", total == 0 ? 0 : 100.0 * m[r][r] / total));
            System.out.println(row);
        }
        StringBuilder precision = new StringBuilder(String.format("%-14s", "precision %"));
        for (int c = 0; c < INTENTS.length; c++) {
            precision.append(String.format(Locale.ROOT, "%6s",
                    columnTotals[c] == 0 ? "-" : String.format(Locale.ROOT, "%.0f", 100.0 * m[c][c] / columnTotals[c])));
        }
        System.out.println(precision);
    }

    /** Microseconds per classification, all lines of all sets, after two seconds of warm-up. */
    static void speed(IntentClassifier classifier, List<Line> lines) {
        List<StepDescription> steps = lines.stream().map(Line::step).toList();
        long sink = 0;
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (StepDescription s : steps) {
                sink += classifier.classify(s).intent().ordinal();
            }
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long n = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long until = t0 + 3_000_000_000L;
        while (System.nanoTime() < until) {
            for (StepDescription s : steps) {
                sink += classifier.classify(s).intent().ordinal();
            }
            n += steps.size();
        }
        double micros = (System.nanoTime() - t0) / 1000.0 / n;
        // CPU time is what one classification costs; wall time also counts waiting for a core on a busy machine
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / n;
        System.out.printf(Locale.ROOT, "%nclassification cost: %.1f us CPU, %.1f us wall per step (mean over %d"
                + " classifications in 3 s, after 2 s of warm-up; checksum %d)%n", cpuMicros, micros, n, sink % 10);
    }

    static List<Line> read(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        int n = 0;
        for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (s.isBlank() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\t", -1);
            if (f.length < 3) {
                throw new IllegalArgumentException(file + " line " + n + ": expected intent, stepId, description");
            }
            out.add(new Line(Intent.of(f[0]), f[1], f[2], f.length > 3 && "ambiguous".equals(f[3].trim())));
        }
        return out;
    }

    /** The project's file, found from the working directory or any parent of it. */
    static Path locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path p = dir.resolve(relative);
            if (Files.exists(p)) {
                return p;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(relative + " not found from " + Path.of("").toAbsolutePath()
                + "; run from the project root or pass the TSV files as arguments");
    }
}
