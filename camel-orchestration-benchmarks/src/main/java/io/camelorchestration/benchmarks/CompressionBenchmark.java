package io.camelorchestration.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.compress.internal.ProtectedSpans;
import io.camelorchestration.internal.Json;
import io.camelorchestration.text.TokenCounter;

/**
 * Compression on real text nobody here wrote: the Brown Corpus. For each genre and task it prints documents, tokens
 * before and after, reduction, retention, p50/p99 time per document and throughput, then the timing of 4k-token
 * documents and whether the targets are met.
 *
 * <p>Tasks, each with the level and instruction the producer would pass:
 * <ul>
 * <li>summarize: aggressive, no instruction; retention = names, numbers and dates of the input still present;</li>
 * <li>aggregate: aggressive, no instruction, two documents of a genre joined; retention as for summarize;</li>
 * <li>extract: light, protected spans, a step description as instruction; retention = protected spans kept;</li>
 * <li>question: aggressive, a cloze question built from the document as instruction; retention = answers kept;</li>
 * <li>half_question: the same with every second word of the question left out (a harder, not a target, row).</li>
 * </ul>
 * Then, when {@code ../shared/data/squad/} is present beside the repository root (else it says so and skips them),
 * human-written SQuAD 2.0 questions over whole articles ({@link SquadQuestions}):
 * <ul>
 * <li>squad: aggressive, the question as instruction; retention = reference answers kept;</li>
 * <li>squad_summary: the same articles summarized without the question (for scale, not a target).</li>
 * </ul>
 *
 * <p>Usage: {@code CompressionBenchmark [path/to/brown.jsonl] [questionsPerDocument] [path/to/squad/]}. Without a
 * path it reads {@code ../shared/data/brown/brown.jsonl} relative to the repository root, else the bundled test
 * sample; and {@code ../shared/data/squad/}.
 */
public final class CompressionBenchmark {

    static final String EXTRACT_INSTRUCTION = "Extract the people, organisations, places, dates, amounts and"
            + " identifiers mentioned, as JSON";
    static final int FOUR_K = 4096;
    /** CPU time of the compressing thread: on a shared machine wall time also counts the other processes. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    record Doc(String id, String genre, String text) {
    }

    enum Task { SUMMARIZE, AGGREGATE, EXTRACT, QUESTION, HALF_QUESTION, SQUAD, SQUAD_SUMMARY }

    /** One compression call of the benchmark, and how to judge its output. */
    record Case(String genre, Task task, CompressionRequest request, Function<String, int[]> retention) {
    }

    static final class Stats {
        int docs;
        long before;
        long after;
        long kept;
        long total;
        long bytes;
        final List<Long> nanos = new ArrayList<>();
        final List<Long> cpuNanos = new ArrayList<>();

        void add(CompressionResult r, int[] retained, long ns, long cpuNs, long inputBytes) {
            cpuNanos.add(cpuNs);
            docs++;
            before += r.tokensBefore();
            after += r.tokensAfter();
            kept += retained[0];
            total += retained[1];
            nanos.add(ns);
            bytes += inputBytes;
        }

        double reduction() {
            return before == 0 ? 0 : 100.0 * (before - after) / before;
        }

        double retention() {
            return total == 0 ? 100 : 100.0 * kept / total;
        }

        double percentileMs(double p) {
            return percentileMs(nanos, p);
        }

        static double percentileMs(List<Long> values, double p) {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return 0;
            }
            int idx = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, idx)] / 1e6;
        }

        double mbPerSecond() {
            long ns = nanos.stream().mapToLong(Long::longValue).sum();
            return ns == 0 ? 0 : (bytes / 1e6) / (ns / 1e9);
        }
    }

    private CompressionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = corpus(args.length > 0 ? args[0] : null);
        int questions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Doc> docs = load(corpus);
        System.out.printf(Locale.ROOT, "corpus: %s (%d documents)%n", corpus, docs.size());
        System.out.printf(Locale.ROOT, "java %s on %s, %d cores, load average %.2f at start%n",
                System.getProperty("java.version"), System.getProperty("os.name"),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Compressor compressor = CompressionPipeline.defaults();
        List<Case> cases = cases(docs, questions);
        warmUp(compressor, cases);
        Map<String, Map<Task, Stats>> byGenre = new TreeMap<>();
        Map<Task, Stats> totals = new LinkedHashMap<>();
        for (Case c : cases) {
            measure(compressor, c, List.of(byGenre.computeIfAbsent(c.genre(), g -> new LinkedHashMap<>())
                    .computeIfAbsent(c.task(), t -> new Stats()), totals.computeIfAbsent(c.task(), t -> new Stats())));
        }
        String header = String.format(Locale.ROOT, "%-18s %-13s %6s %10s %10s %8s %10s %8s %8s %8s %8s",
                "genre", "task", "docs", "tok.before", "tok.after", "reduct%", "retained%", "p50 ms", "p99 ms",
                "cpu p50", "MB/s");
        System.out.println();
        System.out.println(header);
        for (Map.Entry<String, Map<Task, Stats>> g : byGenre.entrySet()) {
            for (Map.Entry<Task, Stats> t : g.getValue().entrySet()) {
                print(g.getKey(), t.getKey(), t.getValue());
            }
        }
        System.out.println();
        System.out.println(header);
        for (Map.Entry<Task, Stats> t : totals.entrySet()) {
            print("ALL", t.getKey(), t.getValue());
        }
        List<String> texts = fourKTexts(docs);
        Map<String, Map<Task, Stats>> fourK = new LinkedHashMap<>();
        for (String encoding : List.of("cl100k_base", "o200k_base")) {
            Map<Task, Stats> stats = fourK(texts, encoding);
            fourK.put(encoding, stats);
            double reference = jtokkitCountMs(texts, encoding);
            System.out.println();
            System.out.printf(Locale.ROOT, "4k-token documents (%d cl100k_base tokens), %s, each new to the word"
                    + " cache; for scale, one plain jtokkit count of such a document takes %.3f ms CPU (p50):%n",
                    FOUR_K, encoding, reference);
            System.out.println(header + "  x count  cpu p99");
            for (Map.Entry<Task, Stats> t : stats.entrySet()) {
                print("4k " + encoding, t.getKey(), t.getValue(), reference);
            }
        }
        Map<String, Map<Task, Stats>> squad = squad(compressor, squadDirectory(args.length > 2 ? args[2] : null));
        if (squad.containsKey("ALL")) {
            totals.putAll(squad.get("ALL"));
        }
        targets(totals, fourK);
        System.out.printf(Locale.ROOT, "load average %.2f at end%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void print(String genre, Task task, Stats s) {
        System.out.println(row(genre, task, s));
    }

    /** With the CPU p50 as a multiple of one plain jtokkit count (a figure the machine's speed does not move), and
     * the CPU p99. */
    private static void print(String genre, Task task, Stats s, double countMs) {
        System.out.println(row(genre, task, s) + String.format(Locale.ROOT, " %8.2f %8.3f",
                Stats.percentileMs(s.cpuNanos, 0.50) / countMs, Stats.percentileMs(s.cpuNanos, 0.99)));
    }

    private static String row(String genre, Task task, Stats s) {
        return String.format(Locale.ROOT, "%-18s %-13s %6d %10d %10d %8.1f %10.1f %8.3f %8.3f %8.3f %8.1f", genre,
                task.name().toLowerCase(Locale.ROOT), s.docs, s.before, s.after, s.reduction(), s.retention(),
                s.percentileMs(0.50), s.percentileMs(0.99), Stats.percentileMs(s.cpuNanos, 0.50), s.mbPerSecond());
    }

    private static void targets(Map<Task, Stats> totals, Map<String, Map<Task, Stats>> fourK) {
        System.out.println();
        System.out.println("targets:");
        check("summarize >= 50% fewer tokens", totals.get(Task.SUMMARIZE), Stats::reduction, 50);
        check("aggregate >= 50% fewer tokens", totals.get(Task.AGGREGATE), Stats::reduction, 50);
        check("extract >= 25% fewer tokens", totals.get(Task.EXTRACT), Stats::reduction, 25);
        check("extract keeps 100% of protected spans", totals.get(Task.EXTRACT), Stats::retention, 100);
        check("question-aware >= 50% fewer tokens", totals.get(Task.QUESTION), Stats::reduction, 50);
        check("question-aware keeps >= 95% of cloze answers", totals.get(Task.QUESTION), Stats::retention, 95);
        check("SQuAD questions: >= 50% fewer tokens", totals.get(Task.SQUAD), Stats::reduction, 50);
        check("SQuAD questions: >= 95% of reference answers kept", totals.get(Task.SQUAD), Stats::retention, 95);
        for (Map.Entry<String, Map<Task, Stats>> e : fourK.entrySet()) {
            String enc = e.getKey().replace("_base", "");
            double p50 = e.getValue().values().stream().mapToDouble(s -> s.percentileMs(0.5)).max().orElse(0);
            double p99 = e.getValue().values().stream().mapToDouble(s -> s.percentileMs(0.99)).max().orElse(0);
            double cpu = e.getValue().values().stream().mapToDouble(s -> Stats.percentileMs(s.cpuNanos, 0.5)).max()
                    .orElse(0);
            check("4k-token document in <= 2 ms, " + enc + " (p50, slowest task)", p50 <= 2, p50, " ms");
            check("4k-token document in <= 2 ms, " + enc + " (p99, slowest task)", p99 <= 2, p99, " ms");
            check("4k-token document in <= 2 ms, " + enc + " (CPU p50, slowest)", cpu <= 2, cpu, " ms");
        }
    }

    private static void check(String target, Stats stats, java.util.function.ToDoubleFunction<Stats> value,
            double threshold) {
        if (stats == null) {
            System.out.printf(Locale.ROOT, "  %-52s n/a (no documents)%n", target);
            return;
        }
        double v = value.applyAsDouble(stats);
        check(target, v >= threshold, v, "%");
    }

    private static void check(String target, boolean met, double value, String unit) {
        System.out.printf(Locale.ROOT, "  %-52s %-7s (%.2f%s)%n", target, met ? "MET" : "MISSED", value, unit);
    }

    static List<Case> cases(List<Doc> docs, int questions) {
        List<Case> cases = new ArrayList<>();
        for (Doc d : docs) {
            cases.add(new Case(d.genre(), Task.SUMMARIZE, request(d.text(), CompressionLevel.AGGRESSIVE,
                    Intent.SUMMARIZE, null, false), out -> facts(d.text(), out)));
            cases.add(new Case(d.genre(), Task.EXTRACT, request(d.text(), CompressionLevel.LIGHT, Intent.EXTRACT,
                    EXTRACT_INSTRUCTION, true), out -> spans(d.text(), out)));
            for (ClozeQuestion q : ClozeQuestion.from(d.text(), questions)) {
                cases.add(new Case(d.genre(), Task.QUESTION, request(d.text(), CompressionLevel.AGGRESSIVE,
                        Intent.SUMMARIZE, q.question(), false), out -> new int[] {q.answeredBy(out) ? 1 : 0, 1}));
                cases.add(new Case(d.genre(), Task.HALF_QUESTION, request(d.text(), CompressionLevel.AGGRESSIVE,
                        Intent.SUMMARIZE, q.halfQuestion(), false), out -> new int[] {q.answeredBy(out) ? 1 : 0, 1}));
            }
        }
        // aggregate: two documents of the same genre, one after the other
        Map<String, List<Doc>> perGenre = new TreeMap<>();
        docs.forEach(d -> perGenre.computeIfAbsent(d.genre(), g -> new ArrayList<>()).add(d));
        List<Doc> leftovers = new ArrayList<>();
        for (List<Doc> g : perGenre.values()) {
            for (int i = 0; i + 1 < g.size(); i += 2) {
                cases.add(aggregate(g.get(i).genre(), g.get(i), g.get(i + 1)));
            }
            if (g.size() % 2 == 1) {
                leftovers.add(g.get(g.size() - 1));
            }
        }
        // a genre's odd document out is paired with another genre's
        for (int i = 0; i + 1 < leftovers.size(); i += 2) {
            cases.add(aggregate("(mixed genres)", leftovers.get(i), leftovers.get(i + 1)));
        }
        return cases;
    }

    /** The JIT compiles the hot paths before anything is timed: two rounds and at least five seconds. */
    /** Compresses one case, timed in wall and CPU time, and adds the result to every {@code into}. */
    private static void measure(Compressor compressor, Case c, List<Stats> into) {
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        CompressionResult r = compressor.compress(c.request());
        long ns = System.nanoTime() - t0;
        long cpu = CPU.getCurrentThreadCpuTime() - cpu0;
        int[] retained = c.retention().apply(r.text());
        long bytes = c.request().text().getBytes(StandardCharsets.UTF_8).length;
        for (Stats s : into) {
            s.add(r, retained, ns, cpu, bytes);
        }
    }

    private static void warmUp(Compressor compressor, List<Case> cases) {
        long until = System.nanoTime() + 5_000_000_000L;
        for (int round = 0; round < 2 || System.nanoTime() < until; round++) {
            for (Case c : cases) {
                compressor.compress(c.request());
            }
        }
    }

    private static Case aggregate(String genre, Doc a, Doc b) {
        String joined = a.text() + "\n\n" + b.text();
        return new Case(genre, Task.AGGREGATE, request(joined, CompressionLevel.AGGRESSIVE, Intent.AGGREGATE, null,
                false), out -> facts(joined, out));
    }

    /** The corpus joined and cut into texts of just under 4,096 cl100k_base tokens. */
    static List<String> fourKTexts(List<Doc> docs) {
        TokenCounter counter = TokenCounter.shared();
        List<String> texts = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (Doc d : docs) {
            sb.append(d.text()).append("\n\n");
            if (counter.count(sb) >= FOUR_K) {
                String t = sb.toString();
                // trim to the last paragraph break under 4096 tokens, then pad sentence by sentence
                int cut = t.length();
                while (counter.count(t.substring(0, cut)) > FOUR_K) {
                    cut = (int) (cut * 0.97);
                }
                texts.add(t.substring(0, cut));
                sb.setLength(0);
            }
        }
        return texts;
    }

    private static CompressionRequest request(String text, CompressionLevel level, Intent intent, String instruction,
            boolean protect) {
        return request(text, level, intent, instruction, protect, "cl100k_base");
    }

    private static CompressionRequest request(String text, CompressionLevel level, Intent intent, String instruction,
            boolean protect, String encoding) {
        return new CompressionRequest(text, level, intent, instruction, encoding, protect);
    }

    /** The three 4k-token tasks of one text, in an encoding. */
    private static List<Case> fourKCases(String t, String encoding) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("4k", Task.SUMMARIZE, request(t, CompressionLevel.AGGRESSIVE, Intent.SUMMARIZE, null,
                false, encoding), out -> facts(t, out)));
        cases.add(new Case("4k", Task.EXTRACT, request(t, CompressionLevel.LIGHT, Intent.EXTRACT,
                EXTRACT_INSTRUCTION, true, encoding), out -> spans(t, out)));
        for (ClozeQuestion q : ClozeQuestion.from(t, 1)) {
            cases.add(new Case("4k", Task.QUESTION, request(t, CompressionLevel.AGGRESSIVE, Intent.SUMMARIZE,
                    q.question(), false, encoding), out -> new int[] {q.answeredBy(out) ? 1 : 0, 1}));
        }
        return cases;
    }

    /**
     * 4k-token documents, each compressed once in a round and new to the word cache the token counter keeps: each
     * task has its own pipeline and counter per round, whose cache holds only the words of the documents before.
     * The first documents of a round warm the cache and are not timed. Two timed rounds give 2 × (texts − 60)
     * timings per task (360 on the Brown Corpus).
     */
    static Map<Task, Stats> fourK(List<String> texts, String encoding) {
        // the JIT compiles the hot paths before anything is timed: untimed rounds, at least one and five seconds
        long jitUntil = System.nanoTime() + 5_000_000_000L;
        for (int round = 0; round == 0 || System.nanoTime() < jitUntil && round < 20; round++) {
            fourKRound(texts, encoding, null);
        }
        Map<Task, Stats> stats = new LinkedHashMap<>();
        for (int round = 0; round < 2; round++) {
            fourKRound(texts, encoding, stats);
        }
        return stats;
    }

    /** One round with fresh pipelines and counters; the first documents fill the caches and are not timed. */
    private static void fourKRound(List<String> texts, String encoding, Map<Task, Stats> stats) {
        int warm = Math.min(texts.size() / 4, 60);
        Map<Task, Compressor> perTask = new LinkedHashMap<>();
        for (Task t : List.of(Task.SUMMARIZE, Task.EXTRACT, Task.QUESTION)) {
            perTask.put(t, CompressionPipeline.defaults(new TokenCounter(), CompressionPipeline.DEFAULT_MIN_TOKENS));
        }
        for (int i = 0; i < texts.size(); i++) {
            for (Case c : fourKCases(texts.get(i), encoding)) {
                long cpu0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                CompressionResult r = perTask.get(c.task()).compress(c.request());
                long ns = System.nanoTime() - t0;
                long cpu = CPU.getCurrentThreadCpuTime() - cpu0;
                if (stats != null && i >= warm) {
                    stats.computeIfAbsent(c.task(), k -> new Stats()).add(r, c.retention().apply(r.text()), ns, cpu,
                            c.request().text().getBytes(StandardCharsets.UTF_8).length);
                }
            }
        }
    }

    /** The machine's speed right now, for reading the timings: one plain jtokkit count of each text, CPU p50. */
    static double jtokkitCountMs(List<String> texts, String encoding) {
        com.knuddels.jtokkit.api.Encoding jtokkit = TokenCounter.shared().encoding(encoding);
        List<Long> counts = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String t : texts) {
                long cpu0 = CPU.getCurrentThreadCpuTime();
                jtokkit.countTokensOrdinary(t);
                counts.add(CPU.getCurrentThreadCpuTime() - cpu0);
            }
        }
        return Stats.percentileMs(counts, 0.5);
    }

    private static final Pattern SPACE = Pattern.compile("\\s+");

    /** Protected spans of the input found verbatim (white space runs compared as one space) in the output. */
    static int[] spans(String input, String output) {
        String out = SPACE.matcher(output).replaceAll(" ");
        List<ProtectedSpans.Span> spans = ProtectedSpans.detector().find(input);
        int kept = 0;
        for (ProtectedSpans.Span s : spans) {
            if (out.contains(SPACE.matcher(s.text()).replaceAll(" "))) {
                kept++;
            }
        }
        return new int[] {kept, spans.size()};
    }

    private static final Pattern MONTH_DATE = Pattern.compile("\\b(?:January|February|March|April|May|June|July"
            + "|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept\\.|Oct\\.|Nov\\.|Dec\\.)"
            + "(?:\\s+\\d{1,2})?(?:,?\\s+\\d{4})?");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern NAME = Pattern.compile("(?<=[\\w,;:)] )[A-Z][a-z]+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+|\\d+(?:[.,]\\d+)*");

    /**
     * Key facts: distinct names (capitalised words inside a sentence), numbers and dates (month, day, year). A fact
     * is kept when it is still a word (or, for a date, a phrase) of the output. Independent of the engine's own
     * heuristics.
     */
    static int[] facts(String input, String output) {
        Set<String> in = factsOf(input);
        Set<String> words = new HashSet<>();
        Matcher w = WORD.matcher(output);
        while (w.find()) {
            words.add(w.group());
        }
        int kept = 0;
        for (String f : in) {
            if (words.contains(f) || f.indexOf(' ') > 0 && output.contains(f)) {
                kept++;
            }
        }
        return new int[] {kept, in.size()};
    }

    static Set<String> factsOf(String text) {
        Set<String> facts = new HashSet<>();
        for (Pattern p : new Pattern[] {MONTH_DATE, NUMBER, NAME}) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                facts.add(m.group());
            }
        }
        return facts;
    }

    static List<Doc> load(Path file) throws IOException {
        ObjectMapper mapper = Json.MAPPER;
        List<Doc> docs = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = mapper.readTree(line);
            docs.add(new Doc(n.path("id").asText(), n.path("genre").asText(), n.path("text").asText()));
        }
        return docs;
    }

    /**
     * Each SQuAD question as the instruction over its whole article, and each article summarized without one (the
     * latter once per question too, so the rows compare); per article and in total ("ALL"). Empty when {@code dir} is
     * null.
     */
    static Map<String, Map<Task, Stats>> squad(Compressor compressor, Path dir) throws IOException {
        Map<String, Map<Task, Stats>> out = new LinkedHashMap<>();
        if (dir == null) {
            return out;
        }
        SquadQuestions data = SquadQuestions.load(dir);
        List<Case> cases = new ArrayList<>();
        for (SquadQuestions.Question q : data.questions) {
            String article = data.articles.get(q.title());
            java.util.function.Function<String, int[]> kept = o -> new int[] {q.answeredBy(o) ? 1 : 0, 1};
            cases.add(new Case(q.title(), Task.SQUAD, request(article, CompressionLevel.AGGRESSIVE, Intent.SUMMARIZE,
                    q.question(), false), kept));
            cases.add(new Case(q.title(), Task.SQUAD_SUMMARY, request(article, CompressionLevel.AGGRESSIVE,
                    Intent.SUMMARIZE, null, false), kept));
        }
        warmUp(compressor, cases);
        for (Case c : cases) {
            List<Stats> into = new ArrayList<>(2);
            for (String key : List.of(c.genre(), "ALL")) {
                into.add(out.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(c.task(), t -> new Stats()));
            }
            measure(compressor, c, into);
        }
        String header = String.format(Locale.ROOT, "%-18s %-13s %6s %10s %10s %8s %10s %8s %8s %8s %8s",
                "article", "task", "q", "tok.before", "tok.after", "reduct%", "answers%", "p50 ms", "p99 ms",
                "cpu p50", "MB/s");
        System.out.println();
        System.out.printf(Locale.ROOT, "SQuAD 2.0 questions over whole articles: %s (%d articles, %d questions)%n",
                dir, data.articles.size(), data.questions.size());
        System.out.println(header);
        // the articles, then all of them
        out.forEach((article, stats) -> stats.forEach((task, st) -> {
            if (!"ALL".equals(article)) {
                print(shorten(article), task, st);
            }
        }));
        out.getOrDefault("ALL", Map.of()).forEach((task, st) -> print("ALL", task, st));
        return out;
    }

    private static String shorten(String title) {
        return title.length() <= 18 ? title : title.substring(0, 17) + "~";
    }

    /** The given directory, else ../shared/data/squad/ beside the repository root; null (said so) when absent. */
    static Path squadDirectory(String given) {
        Path dir = given != null ? Path.of(given) : repositoryRoot().resolve("../shared/data/squad").normalize();
        if (Files.isRegularFile(dir.resolve("documents.jsonl")) && Files.isRegularFile(dir.resolve("questions.jsonl"))) {
            return dir;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "SQuAD questions: %s not present (documents.jsonl, questions.jsonl);"
                + " SQuAD rows and targets skipped%n", dir);
        return null;
    }

    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("camel-orchestration-component"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("run from inside the repository or pass the corpus path");
        }
        return root;
    }

    /** The given path, else ../shared/data/brown/brown.jsonl beside the repository root, else the bundled sample. */
    static Path corpus(String given) {
        if (given != null) {
            return Path.of(given);
        }
        Path root = repositoryRoot();
        Path shared = root.resolve("../shared/data/brown/brown.jsonl").normalize();
        if (Files.isRegularFile(shared)) {
            return shared;
        }
        return root.resolve("camel-orchestration-component/src/test/resources/brown-sample/brown-sample.jsonl");
    }

}
