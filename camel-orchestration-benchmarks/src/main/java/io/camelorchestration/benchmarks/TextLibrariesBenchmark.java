package io.camelorchestration.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.api.Encoding;
import io.camelorchestration.benchmarks.handwritten.HandWrittenComplexityScorer;
import io.camelorchestration.benchmarks.handwritten.HandWrittenHtmlToText;
import io.camelorchestration.benchmarks.handwritten.HandWrittenProtectedSpans;
import io.camelorchestration.benchmarks.handwritten.HandWrittenTokenCounter;
import io.camelorchestration.benchmarks.handwritten.PatternsAloneScorer;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.internal.HtmlToText;
import io.camelorchestration.compress.internal.PatternsAloneSpans;
import io.camelorchestration.compress.internal.ProtectedSpans;
import io.camelorchestration.compress.internal.TermsSideBySide;
import io.camelorchestration.internal.Json;
import io.camelorchestration.route.ComplexityScorer;
import io.camelorchestration.text.TokenCounter;
import io.camelorchestration.text.UpkeepAtEveryLookupCounter;

/**
 * "Libraries first" (issue 15): each hand-written part of the text path side by side with the library that could do
 * its work, on the path the component really runs, in one JVM. Variants of a case run in interleaved rounds, so a
 * busy phase of the machine hits them alike; each figure is the median over the rounds of the thread's own CPU time
 * per operation (waiting for a CPU is not counted), and "x library" is the library's time over the variant's: a
 * hand-written part stays only where that is 2 or more.
 *
 * <p>Token counting (o200k_base, gpt-4o's encoding, and cl100k_base): plain jtokkit; the library way (words cut
 * where no pre-token straddles a cut, their counts in a Caffeine cache, new words to jtokkit:
 * {@link CaffeineWordCounter}), its cache's upkeep once on the common pool (Caffeine's default, not seen by the
 * thread's CPU clock) and once on the counting thread; the component (the same cuts, its hand-written table, new
 * words to jtokkit); the component as it was before issue 15, which also merged new words with a hand-written BPE
 * ({@link HandWrittenTokenCounter}); and the component's word cache with Caffeine's upkeep at every lookup, as it was
 * before 7 Dec 2026 ({@link UpkeepAtEveryLookupCounter}). On Brown Corpus texts of about 4,000 tokens: a document
 * whose words are all known, a document new to the cache after 60 others (each round starts every variant with an
 * empty cache), and a message of about 100 tokens. For scale, the compression of a 4k-token document (summarize), which counts the
 * document and its result through the component's counter.
 *
 * <p>HTML to text: the component's reading with jsoup against the regexes of before ({@link HandWrittenHtmlToText}),
 * on Brown paragraphs made into a web page (head, style, script, headings, links, lists, tables, code), one of a
 * 4k-token document's size and one of about 2,000 paragraphs.
 *
 * <p>Terms: the words of every unit of a 4k-token document to term ids, names and figures (what the compression's
 * unit document does per call), with the JDK's {@code HashMap} and a String per word against the hand-written table
 * over characters of before ({@code compression/HandWrittenTerms}); and for scale the whole compression.
 *
 * <p>Rules: the complexity scorer (on a routed step's input) and the protected-span scan (on an extract step's
 * document): the patterns alone ({@code PatternsAloneScorer}, {@code PatternsAloneSpans}), the component's scans
 * made from the same word lists as its patterns, and the hand-written scans of before
 * ({@code HandWrittenComplexityScorer}, {@code HandWrittenProtectedSpans}); all give the same answers (checked here
 * on the texts measured).
 *
 * <p>Usage: {@code TextLibrariesBenchmark [rounds] [sections]}, sections comma separated out of {@code tokens, html, terms, rules}
 * (default: all), or with Maven
 * {@code mvn -B -q -Pbench -pl camel-orchestration-benchmarks -am package -DskipTests -Dbenchmark=TextLibrariesBenchmark}.
 * Reads {@code /work/shared/data/brown/brown.jsonl} (or {@code -Dbrown.jsonl=...}) when present, else the bundled
 * sample.
 */
public final class TextLibrariesBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_DOCS = 60;
    private static final int TIMED_DOCS = 60;
    private static final long ROUND_NANOS = 300_000_000L;
    private static final String LIBRARY = "component: Caffeine word cache + jtokkit";
    private static final String PATTERNS = "the patterns alone";
    private static final String BEFORE = "hand-written word table + hand-written BPE (before)";
    private static final String UPKEEP = "the same, Caffeine's upkeep at every lookup (before 7 Dec, 16:00 UTC)";

    private TextLibrariesBenchmark() {
    }

    /** One thing timed: a supplier of a fresh operation per round (so state such as a cache can start empty). */
    record Variant(String name, Supplier<Op> perRound) {
    }

    /** Untimed preparation, then the timed operation, repeated; returns something so the JIT cannot drop it. */
    interface Op {
        default void prepare() {
        }

        /** One timed operation; returns how many units it did (a document each, or the texts of a batch). */
        int run();
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<String> sections = List.of((args.length > 1 ? args[1] : "tokens,html,terms,rules").split(","));
        List<String> corpus = corpus();
        System.out.printf(Locale.ROOT, "# Libraries first: hand-written text parts against libraries, side by side%n%n");
        System.out.printf(Locale.ROOT, "java %s, %d cores, load average %.2f at start, %d corpus documents, %d rounds%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), corpus.size(), rounds);
        if (sections.contains("tokens")) {
            for (String encoding : List.of("o200k_base", "cl100k_base")) {
                tokenCounting(encoding, corpus, rounds);
            }
        }
        if (sections.contains("html")) {
            htmlToText(corpus, rounds);
        }
        if (sections.contains("terms")) {
            terms(corpus, rounds);
        }
        if (sections.contains("rules")) {
            rules(corpus, rounds);
        }
        System.out.printf(Locale.ROOT, "load average %.2f at end%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // ---- token counting -------------------------------------------------------------------------------------

    private static void tokenCounting(String encodingName, List<String> corpus, int rounds) {
        Encoding encoding = TokenCounter.shared().encoding(encodingName);
        List<String> docs = documents(corpus, encoding, 4_000);
        String message = docs.get(0).substring(0, paragraphsEnd(docs.get(0), encoding, 100));
        String known = docs.get(0);
        Map<String, Supplier<IntCounter>> counters = new LinkedHashMap<>();
        counters.put("jtokkit alone", () -> encoding::countTokensOrdinary);
        counters.put(LIBRARY, () -> {
            TokenCounter c = new TokenCounter();
            return t -> c.count(t, encodingName);
        });
        counters.put(UPKEEP, () -> {
            TokenCounter c = new UpkeepAtEveryLookupCounter();
            return t -> c.count(t, encodingName);
        });
        counters.put("hand-written word table + jtokkit", () -> new HandWrittenTokenCounter(encoding, false)::count);
        counters.put(BEFORE, () -> new HandWrittenTokenCounter(encoding, true)::count);
        // every variant must give jtokkit's count
        for (Map.Entry<String, Supplier<IntCounter>> e : counters.entrySet()) {
            IntCounter c = e.getValue().get();
            for (String d : docs) {
                if (c.count(d) != encoding.countTokensOrdinary(d) || c.count(d) != encoding.countTokensOrdinary(d)) {
                    throw new AssertionError(e.getKey() + " miscounts a document in " + encodingName);
                }
            }
        }
        int timed = Math.min(TIMED_DOCS, Math.max(1, docs.size() - WARM_DOCS));
        int warm = Math.max(0, Math.min(WARM_DOCS, docs.size() - timed));
        System.out.printf(Locale.ROOT, "## Token counting, %s (%d texts of %,d-%,d tokens; message %d tokens)%n%n",
                encodingName, docs.size(), docs.stream().mapToInt(encoding::countTokensOrdinary).min().orElse(0),
                docs.stream().mapToInt(encoding::countTokensOrdinary).max().orElse(0),
                encoding.countTokensOrdinary(message));
        Map<String, List<Variant>> cases = new LinkedHashMap<>();
        cases.put("a 4k-token document, words known (µs)", variants(counters, c -> warmOn(c, known, known)));
        cases.put("a 4k-token document new to the cache, after " + warm + " others (µs)", variants(counters, c -> {
            int[] next = {0};
            return new Op() {
                @Override
                public void prepare() {
                    for (int i = 0; i < warm; i++) {
                        c.count(docs.get(i));
                    }
                }

                @Override
                public int run() {
                    // every document once per round; a round that wants more starts a fresh cache (prepare again)
                    int n = 0;
                    for (int i = 0; i < timed; i++) {
                        n += c.count(docs.get(warm + (next[0]++ % timed))) > 0 ? 1 : 0;
                    }
                    return n;
                }

                @Override
                public String toString() {
                    return "fresh";
                }
            };
        }));
        cases.put("a ~100-token message, words known (µs)", variants(counters, c -> warmOn(c, message, message)));
        table(cases, rounds, LIBRARY);

        // the whole compression of a 4k-token document (summarize), which counts the document and its result: the
        // component's counter against the one of before, on a document new to the cache and on a known one
        Map<String, List<Variant>> whole = new LinkedHashMap<>();
        whole.put("compressing a 4k-token document new to the cache, after " + warm + " others, summarize (µs)",
                List.of(new Variant(LIBRARY, () -> compressions(new TokenCounter(), docs, warm, timed, encodingName)),
                        new Variant(UPKEEP, () -> compressions(new UpkeepAtEveryLookupCounter(), docs, warm, timed,
                                encodingName)),
                        new Variant(BEFORE, () -> compressions(before(encoding), docs, warm, timed, encodingName))));
        whole.put("compressing a known 4k-token document, summarize (µs)",
                List.of(new Variant(LIBRARY, () -> compression(new TokenCounter(), known, encodingName)),
                        new Variant(UPKEEP, () -> compression(new UpkeepAtEveryLookupCounter(), known, encodingName)),
                        new Variant(BEFORE, () -> compression(before(encoding), known, encodingName))));
        table(whole, rounds, LIBRARY);
    }

    /** The component's token counter with the counting of before, for the whole pipeline side by side. */
    private static TokenCounter before(Encoding encoding) {
        HandWrittenTokenCounter words = new HandWrittenTokenCounter(encoding, true);
        return new TokenCounter() {
            @Override
            public int count(CharSequence text, String name) {
                return encoding.getName().equals(name) && text.length() <= EXACT_LIMIT_CHARS
                        ? words.count(text.toString()) : super.count(text, name);
            }
        };
    }

    private static CompressionRequest summarize(String text, String encoding) {
        return new CompressionRequest(text, CompressionLevel.AGGRESSIVE, Intent.SUMMARIZE,
                "Summarize the news report for the front page", encoding, false);
    }

    private static Op compression(TokenCounter counter, String text, String encoding) {
        CompressionPipeline pipeline = CompressionPipeline.defaults(counter, CompressionPipeline.DEFAULT_MIN_TOKENS);
        CompressionRequest request = summarize(text, encoding);
        return new Op() {
            @Override
            public void prepare() {
                pipeline.compress(request);
            }

            @Override
            public int run() {
                return pipeline.compress(request).tokensAfter() > 0 ? 1 : 0;
            }
        };
    }

    private static Op compressions(TokenCounter counter, List<String> docs, int warm, int timed, String encoding) {
        CompressionPipeline pipeline = CompressionPipeline.defaults(counter, CompressionPipeline.DEFAULT_MIN_TOKENS);
        return new Op() {
            @Override
            public void prepare() {
                for (int i = 0; i < warm; i++) {
                    pipeline.compress(summarize(docs.get(i), encoding));
                }
            }

            @Override
            public int run() {
                int n = 0;
                for (int i = 0; i < timed; i++) {
                    n += pipeline.compress(summarize(docs.get(warm + i), encoding)).tokensAfter() > 0 ? 1 : 0;
                }
                return n;
            }

            @Override
            public String toString() {
                return "fresh";
            }
        };
    }

    @FunctionalInterface
    interface IntCounter {
        int count(String text);
    }

    private static Op warmOn(IntCounter c, String warmText, String text) {
        return new Op() {
            @Override
            public void prepare() {
                c.count(warmText);
            }

            @Override
            public int run() {
                return c.count(text) > 0 ? 1 : 0;
            }
        };
    }

    private static List<Variant> variants(Map<String, Supplier<IntCounter>> counters,
            java.util.function.Function<IntCounter, Op> op) {
        List<Variant> out = new ArrayList<>();
        counters.forEach((name, counter) -> out.add(new Variant(name, () -> op.apply(counter.get()))));
        return out;
    }

    // ---- HTML to text ---------------------------------------------------------------------------------------

    /** Brown paragraphs as a web page: head, style, script, headings, links, lists, a table, a code block. */
    static String page(List<String> corpus, int paragraphs) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><title>Brown Corpus</title>"
                + "<style>body { font: 12px serif; } .n { color: #333; }</style>"
                + "<script>var tracking = {\"id\": 1, \"debug\": true};</script></head>\n<body>\n");
        int n = 0;
        for (String doc : corpus) {
            for (String para : doc.split("\n\n")) {
                if (n == paragraphs) {
                    return html.append("</body></html>\n").toString();
                }
                String p = para.replace("&", "&amp;").replace("<", "&lt;");
                switch (n % 8) {
                    case 0 -> html.append("<div class=\"n\"><h2>").append(p, 0, Math.min(60, p.length()))
                            .append("</h2></div>\n");
                    case 3 -> html.append("<ul><li>").append(p.replace(". ", ".</li><li>")).append("</li></ul>\n");
                    case 5 -> html.append("<table><tr><td>").append(p.replace(", ", "</td><td>"))
                            .append("</td></tr></table>\n");
                    case 7 -> html.append("<pre><code>").append(p.replace(". ", ".\n    ")).append("</code></pre>\n");
                    default -> {
                    }
                }
                int space = p.indexOf(' ', p.length() / 2);
                html.append("<p>").append(space > 0 ? p.substring(0, space) : p)
                        .append(space > 0 ? " <a href=\"https://example.org/brown/" + n + "\">" + "<b>see</b></a>"
                                + p.substring(space) : "")
                        .append("&nbsp;&mdash;</p>\n<!-- paragraph ").append(n).append(" -->\n");
                n++;
            }
        }
        return html.append("</body></html>\n").toString();
    }

    private static void htmlToText(List<String> corpus, int rounds) {
        HtmlToText jsoup = new HtmlToText();
        Map<String, List<Variant>> cases = new LinkedHashMap<>();
        for (int paragraphs : new int[] {60, 2_000}) {
            String page = page(corpus, paragraphs);
            CompressionRequest request = new CompressionRequest(page, CompressionLevel.LIGHT, Intent.EXTRACT, null,
                    "o200k_base", true);
            String title = String.format(Locale.ROOT, "an HTML page of %,d characters (%,d o200k_base tokens) to text (µs)",
                    page.length(), TokenCounter.shared().count(page, "o200k_base"));
            cases.put(title, List.of(
                    new Variant("component: jsoup", () -> () -> jsoup.apply(page, request).length() > 0 ? 1 : 0),
                    new Variant("hand-written regexes (before)",
                            () -> () -> HandWrittenHtmlToText.apply(page, true).length() > 0 ? 1 : 0)));
        }
        System.out.printf(Locale.ROOT, "## HTML to text%n%n");
        table(cases, rounds, "component: jsoup");
    }

    // ---- terms ----------------------------------------------------------------------------------------------

    private static void terms(List<String> corpus, int rounds) {
        Encoding encoding = TokenCounter.shared().encoding("o200k_base");
        List<String> docs = documents(corpus, encoding, 4_000);
        Map<String, List<Variant>> cases = new LinkedHashMap<>();
        for (String doc : List.of(docs.get(0), docs.get(docs.size() / 2))) {
            IntSupplier jdk = TermsSideBySide.component(doc);
            IntSupplier handWritten = TermsSideBySide.handWritten(doc);
            if (jdk.getAsInt() != handWritten.getAsInt()) {
                throw new AssertionError("the two vocabularies differ");
            }
            String title = String.format(Locale.ROOT, "the terms of a 4k-token document, %,d characters (µs)",
                    doc.length());
            CompressionPipeline pipeline = CompressionPipeline.defaults();
            CompressionRequest request = summarize(doc, "o200k_base");
            cases.put(title, List.of(
                    new Variant("component: HashMap, a String per word", () -> () -> jdk.getAsInt() > 0 ? 1 : 0),
                    new Variant("hand-written table over characters (before)",
                            () -> () -> handWritten.getAsInt() > 0 ? 1 : 0),
                    new Variant("for scale: the whole compression (summarize)",
                            () -> () -> pipeline.compress(request).tokensAfter() > 0 ? 1 : 0)));
        }
        System.out.printf(Locale.ROOT, "## Terms%n%n");
        table(cases, rounds, "component: HashMap, a String per word");
    }

    // ---- rules written once ---------------------------------------------------------------------------------

    private static void rules(List<String> corpus, int rounds) {
        Encoding encoding = TokenCounter.shared().encoding("o200k_base");
        List<String> docs = documents(corpus, encoding, 4_000);
        String doc = docs.get(0);
        String message = doc.substring(0, paragraphsEnd(doc, encoding, 100));
        String numbers = docs.stream().max(java.util.Comparator.comparingLong(
                d -> d.chars().filter(Character::isDigit).count())).orElseThrow();
        String ask = "Summarize the news report for the front page";
        ComplexityScorer scorer = new ComplexityScorer();
        HandWrittenComplexityScorer handScorer = new HandWrittenComplexityScorer();
        Map<String, List<Variant>> cases = new LinkedHashMap<>();
        for (String text : List.of(message, doc, numbers)) {
            if (!scorer.assess(ask, text, 4_000).equals(handScorer.assess(ask, text, 4_000))
                    || !scorer.assess(ask, text, 4_000).equals(PatternsAloneScorer.assess(ask, text, 4_000))) {
                throw new AssertionError("the two scorers differ");
            }
            cases.put(String.format(Locale.ROOT, "complexity of a routed step's input, %,d characters (µs)",
                    text.length()), List.of(
                    new Variant(PATTERNS, () -> () -> PatternsAloneScorer.assess(ask, text, 4_000)
                            .features().size() >= 0 ? 1 : 0),
                    new Variant("component: scans made from the rules' word lists", () -> () -> scorer
                            .assess(ask, text, 4_000).features().size() >= 0 ? 1 : 0),
                    new Variant("hand-written scans (before)",
                            () -> () -> handScorer.assess(ask, text, 4_000).features().size() >= 0 ? 1 : 0)));
        }
        for (String text : List.of(doc, numbers)) {
            if (!ProtectedSpans.detector().find(text).equals(HandWrittenProtectedSpans.detector().find(text))
                    || !ProtectedSpans.detector().find(text).equals(PatternsAloneSpans.everyPattern(text))) {
                throw new AssertionError("the two span scans differ");
            }
            cases.put(String.format(Locale.ROOT, "protected spans of a 4k-token document, %,d characters, %,d digits"
                    + " (µs)", text.length(), text.chars().filter(Character::isDigit).count()), List.of(
                    new Variant(PATTERNS, () -> () -> PatternsAloneSpans.everyPattern(text).size() >= 0 ? 1 : 0),
                    new Variant("component: scans made from the rules' word lists",
                            () -> () -> ProtectedSpans.detector().find(text).size() >= 0 ? 1 : 0),
                    new Variant("hand-written scans (before)",
                            () -> () -> HandWrittenProtectedSpans.detector().find(text).size() >= 0 ? 1 : 0)));
        }
        System.out.printf(Locale.ROOT, "## Rules written once%n%n");
        table(cases, rounds, PATTERNS);
    }

    // ---- measuring ------------------------------------------------------------------------------------------

    /**
     * Runs every case's variants in interleaved rounds and prints the medians; with {@code reference}, each
     * variant's "x library": the reference variant's time over its own, per round, then the median.
     */
    static void table(Map<String, List<Variant>> cases, int rounds, String reference) {
        for (Map.Entry<String, List<Variant>> c : cases.entrySet()) {
            List<Variant> vs = c.getValue();
            double[][] micros = new double[vs.size()][rounds];
            for (int i = 0; i < vs.size(); i++) {
                measure(vs.get(i).perRound().get(), ROUND_NANOS); // warm-up: the JIT, the classes
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < vs.size(); i++) {
                    micros[i][r] = measure(vs.get(i).perRound().get(), ROUND_NANOS);
                }
            }
            int ref = -1;
            for (int i = 0; i < vs.size(); i++) {
                if (vs.get(i).name().equals(reference)) {
                    ref = i;
                }
            }
            System.out.printf(Locale.ROOT, "| %s | CPU p50 | min | max |%s%n", c.getKey(),
                    ref >= 0 ? " x library |" : "");
            System.out.printf(Locale.ROOT, "| --- | ---: | ---: | ---: |%s%n", ref >= 0 ? " ---: |" : "");
            for (int i = 0; i < vs.size(); i++) {
                double[] m = micros[i].clone();
                Arrays.sort(m);
                String ratio = "";
                if (ref >= 0) {
                    double[] q = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        q[r] = micros[ref][r] / micros[i][r];
                    }
                    Arrays.sort(q);
                    ratio = String.format(Locale.ROOT, " %.2f |", q[rounds / 2]);
                }
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%s%n", vs.get(i).name(), m[rounds / 2],
                        m[0], m[rounds - 1], ratio);
            }
            System.out.println();
        }
    }

    /** CPU µs per unit of one round: the operation is prepared (untimed) and run until the round's time is up. */
    private static double measure(Op op, long nanos) {
        long cpu = 0;
        long units = 0;
        long wallEnd = System.nanoTime() + nanos;
        int sink = 0;
        boolean fresh = "fresh".equals(op.toString());
        op.prepare();
        do {
            long t0 = THREADS.getCurrentThreadCpuTime();
            int n = op.run();
            cpu += THREADS.getCurrentThreadCpuTime() - t0;
            units += Math.max(1, n);
            sink += n;
            if (fresh) {
                break; // a document is new only once: one pass per round
            }
        } while (System.nanoTime() < wallEnd);
        if (sink == Integer.MIN_VALUE) {
            System.out.print("");
        }
        return cpu / 1_000.0 / units;
    }

    // ---- text -----------------------------------------------------------------------------------------------

    /** The corpus joined and cut at paragraphs into texts of just over {@code tokens} tokens each. */
    static List<String> documents(List<String> corpus, Encoding encoding, int tokens) {
        List<String> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (String doc : corpus) {
            for (String para : doc.split("\n\n")) {
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(para);
                n += encoding.countTokensOrdinary(para) + 1;
                if (n >= tokens) {
                    out.add(text.toString());
                    text.setLength(0);
                    n = 0;
                }
            }
        }
        if (out.isEmpty()) {
            out.add(text.toString());
        }
        return out;
    }

    private static int paragraphsEnd(String text, Encoding encoding, int tokens) {
        int end = text.indexOf("\n\n");
        while (end > 0) {
            int next = text.indexOf("\n\n", end + 2);
            if (next < 0 || encoding.countTokensOrdinary(text.substring(0, next)) > tokens) {
                return end;
            }
            end = next;
        }
        return text.length();
    }

    /** The Brown Corpus documents: the shared copy when readable, else the two bundled with this module. */
    static List<String> corpus() {
        String prop = System.getProperty("brown.jsonl");
        Path shared = Path.of(prop != null ? prop : "/work/shared/data/brown/brown.jsonl");
        ObjectMapper mapper = Json.MAPPER;
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.isReadable(shared) ? Files.newInputStream(shared)
                : TextLibrariesBenchmark.class.getClassLoader().getResourceAsStream("brown/brown-sample.jsonl");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(mapper.readTree(line).path("text").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
