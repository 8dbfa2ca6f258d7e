package io.camelorchestration.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.component.OrchestrateConstants;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The response cache on the example's documents (examples/.../resources/documents): the example's extract step
 * ("Extract the title, the people, the dates and the amounts ... as JSON") replayed with a share of repeats, then the
 * time a miss and a hit add, each as a ratio to the same step without the cache, measured side by side in one run.
 *
 * <p>The model is played by a route that answers at once and reports its usage (input: the prompt's characters / 4,
 * output: 120 tokens), so the times are the component's own; a real model's latency (hundreds of milliseconds) is what
 * a hit saves on top.
 *
 * <pre>mvn -B -q -Pbench -pl camel-orchestration-benchmarks -am package -DskipTests -Dbenchmark=CacheBenchmark</pre>
 * Options (system properties): {@code cache.requests} (default 5000), {@code cache.repeatShare} (0.20).
 */
public final class CacheBenchmark {

    private static final String PROMPT = "Extract the title, the people, the dates and the amounts named in this document as JSON.\n\n";

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("cache.requests", 5000);
        double repeatShare = Double.parseDouble(System.getProperty("cache.repeatShare", "0.20"));
        List<String> docs = documents();
        AtomicInteger calls = new AtomicInteger();

        CamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("meters", new SimpleMeterRegistry());
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setCacheEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setCacheMaxEntries(100_000);
        ctx.addComponent("orchestrate", orchestrate);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:plain").to("orchestrate:extractPlain?intent=extract&delegate=direct:llm");
                from("direct:cached").to("orchestrate:extract?intent=extract&cache=exact&delegate=direct:llm");
                from("direct:llm").process(e -> {
                    calls.incrementAndGet();
                    String in = e.getMessage().getBody(String.class);
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, Math.max(1, in.length() / 4));
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, 120);
                    e.getMessage().setBody("{\"title\":\"" + in.length() + "\",\"people\":[],\"dates\":[],\"amounts\":[]}");
                });
            }
        });
        ctx.start();
        ProducerTemplate template = ctx.createProducerTemplate();

        // 1. the replay: a new request is one of the documents under a new ticket line (a new prompt); a repeat is a
        //    request already seen (a redelivery, a retry after a downstream failure, the same document re-processed)
        Random random = new Random(17);
        List<String> seen = new ArrayList<>();
        int hits = 0;
        long tokensSaved = 0;
        long tokensUsed = 0;
        double usdSaved = 0;
        double usdSpent = 0;
        for (int i = 0; i < requests; i++) {
            String body = !seen.isEmpty() && random.nextDouble() < repeatShare ? seen.get(random.nextInt(seen.size()))
                    : newRequest(docs, seen.size(), seen);
            Exchange e = template.request("direct:cached", x -> x.getMessage().setBody(body));
            if (Boolean.TRUE.equals(e.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class))) {
                hits++;
                tokensSaved += e.getMessage().getHeader(OrchestrateConstants.TOKENS_SAVED, Long.class);
                usdSaved += e.getMessage().getHeader(OrchestrateConstants.COST_SAVED, Double.class);
            } else {
                tokensUsed += e.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class);
            }
        }
        usdSpent = orchestrate.getTotalCost();
        System.out.printf(Locale.ROOT, "Replay: %d requests over %d documents of the example, repeat share %.0f%%%n",
                requests, docs.size(), repeatShare * 100);
        System.out.printf(Locale.ROOT, "  hit rate          %.1f%% (%d hits, %d delegate calls)%n", 100.0 * hits / requests,
                hits, calls.get());
        System.out.printf(Locale.ROOT, "  tokens saved      %d of %d (%.1f%%)%n", tokensSaved, tokensSaved + tokensUsed,
                100.0 * tokensSaved / (tokensSaved + tokensUsed));
        System.out.printf(Locale.ROOT, "  USD saved         %.4f of %.4f (gpt-4o prices)%n", usdSaved, usdSaved + usdSpent);

        // 2. added time, side by side: the plain step, a miss (cache on, new prompt), a hit (cache on, seen prompt)
        int perRound = 200;
        int rounds = 15;
        long[] plain = new long[rounds];
        long[] miss = new long[rounds];
        long[] hit = new long[rounds];
        String repeated = PROMPT + docs.get(0);
        template.requestBody("direct:cached", repeated);
        int unique = 0;
        for (int r = 0; r < rounds + 3; r++) {
            List<String> fresh = new ArrayList<>();
            List<String> fresh2 = new ArrayList<>();
            for (int i = 0; i < perRound; i++) {
                fresh.add(ticket(docs, unique++));
                fresh2.add(ticket(docs, unique++));
            }
            long t0 = System.nanoTime();
            for (String b : fresh) {
                template.requestBody("direct:plain", b);
            }
            long t1 = System.nanoTime();
            for (String b : fresh2) {
                template.requestBody("direct:cached", b);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                template.requestBody("direct:cached", repeated);
            }
            long t3 = System.nanoTime();
            if (r >= 3) { // the first rounds warm up
                plain[r - 3] = (t1 - t0) / perRound;
                miss[r - 3] = (t2 - t1) / perRound;
                hit[r - 3] = (t3 - t2) / perRound;
            }
        }
        long p = median(plain);
        long m = median(miss);
        long h = median(hit);
        System.out.printf(Locale.ROOT, "Time per step (median of %d rounds of %d, delegate answers at once):%n", rounds, perRound);
        System.out.printf(Locale.ROOT, "  plain step (cache off)  %7.1f us  1.00%n", p / 1000.0);
        System.out.printf(Locale.ROOT, "  miss (cache=exact)      %7.1f us  %.2f x plain%n", m / 1000.0, (double) m / p);
        System.out.printf(Locale.ROOT, "  hit  (cache=exact)      %7.1f us  %.2f x plain%n", h / 1000.0, (double) h / p);
        ctx.stop();
    }

    private static String newRequest(List<String> docs, int n, List<String> seen) {
        String body = ticket(docs, n);
        seen.add(body);
        return body;
    }

    /** The example's extract prompt on document {@code n % docs}, under ticket line n (a prompt never sent before). */
    private static String ticket(List<String> docs, int n) {
        return PROMPT + "Ticket " + n + "\n\n" + docs.get(n % docs.size());
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static List<String> documents() throws IOException {
        for (String dir : new String[] { "examples/camel-orchestration-example/src/main/resources/documents",
                "../examples/camel-orchestration-example/src/main/resources/documents" }) {
            Path d = Path.of(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    List<String> docs = new ArrayList<>();
                    for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                        docs.add(Files.readString(f, StandardCharsets.UTF_8));
                    }
                    return docs;
                }
            }
        }
        throw new IOException("the example's documents are not found: run from the repository root or the benchmarks module");
    }
}
