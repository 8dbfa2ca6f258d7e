package io.camelorchestration.example;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelCatalogLoader;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.component.OrchestrateEndpoint;
import io.camelorchestration.component.langchain4j.OrchestrationChatModelListener;
import io.camelorchestration.example.server.ChatServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PackageScanResourceResolver;
import org.apache.camel.spi.Resource;

/**
 * The example workflow: a camel-main application whose routes are in YAML ({@code routes/correspondence.yaml}). It
 * runs the bundled documents through the workflow twice, orchestration off and then on, and prints what each step
 * cost in both runs. With {@code --serve} it then keeps running with the Prometheus endpoint and JMX on.
 */
public final class ExampleMain {

    public static final String CATALOG = "example-models.json";

    private ExampleMain() {
    }

    public static void main(String[] args) throws Exception {
        ExampleResult result = run(args, System.out);
        if (result.failedDocuments() > 0) {
            throw new IllegalStateException(result.failedDocuments() + " document(s) failed; see the log above");
        }
    }

    /** What a run of the example produced: both runs' figures and the meters of the orchestrated run. */
    public record ExampleResult(RunResult off, RunResult on, PrometheusMeterRegistry meters) {
        public int failedDocuments() {
            return off.failed() + on.failed();
        }
    }

    public static ExampleResult run(String[] args, PrintStream out) throws Exception {
        ExampleSettings settings = ExampleSettings.from(args);
        ModelCatalog catalog;
        try (InputStream in = ExampleMain.class.getClassLoader().getResourceAsStream(CATALOG)) {
            catalog = ModelCatalogLoader.load(in, CATALOG);
        }
        ChatServer server = null;
        String baseUrl = settings.baseUrl();
        if (settings.embedded()) {
            server = chatServer(catalog).latency(Duration.ofMillis(settings.latencyMs()))
                    .errorRate(settings.errorRate(), 42).start();
            baseUrl = server.baseUrl();
        }
        String apiKey = settings.embedded() ? "not-needed-offline" : System.getenv(settings.apiKeyEnv());
        if (apiKey == null || apiKey.isBlank()) {
            apiKey = "none"; // Ollama and vLLM take any key
        }

        StepLedger ledger = new StepLedger();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Main main = new Main();
        // the beans users write: one chatModel per model, each with the listener that reports usage to the step
        main.bind("gpt4o", chatModel(baseUrl, apiKey, settings.largeModel(), catalog.find("gpt-4o").orElseThrow(), ledger));
        main.bind("gpt4oMini", chatModel(baseUrl, apiKey, settings.smallModel(), catalog.find("gpt-4o-mini").orElseThrow(), ledger));
        main.bind("metricsRegistry", meters);
        main.bind("stepLedger", ledger);
        if (settings.serve()) {
            main.addOverrideProperty("camel.main.jmx-enabled", "true");
            main.addOverrideProperty("camel.metrics.enabled", "true");
            main.addOverrideProperty("camel.management.enabled", "true");
            main.addOverrideProperty("camel.management.port", String.valueOf(settings.servePort()));
            main.addOverrideProperty("camel.management.metrics-enabled", "true");
            main.addOverrideProperty("camel.management.health-check-enabled", "true");
        }
        main.start();
        try {
            String llm = settings.embedded() ? "embedded OpenAI-compatible server at " + baseUrl : baseUrl;
            Comparison comparison = compare(main.getCamelContext(), ledger, server,
                    String.format("%s (%s for #gpt4o, %s for #gpt4oMini)", llm, settings.largeModel(), settings.smallModel()), out);
            if (settings.serve()) {
                serve(settings, out);
            }
            return new ExampleResult(comparison.off(), comparison.on(), meters);
        } finally {
            main.stop();
            if (server != null) {
                server.close();
            }
        }
    }

    /** Both runs and what is compared between them, as {@link #compare} prints it. */
    public record Comparison(RunResult off, RunResult on) {
        public int failedDocuments() {
            return off.failed() + on.failed();
        }
    }

    /**
     * The example proper, on any Camel runtime (camel-main here, Spring Boot in camel-orchestration-spring-boot-example):
     * the documents through {@code direct:correspondence} with orchestration off and then on (the master switch flipped
     * at runtime, as JMX would), then the comparison table. {@code server}: the embedded chat server, or null.
     */
    /** The embedded OpenAI-compatible server, answering for the catalog's models with their tokenizers. */
    public static ChatServer chatServer(ModelCatalog catalog) {
        return new ChatServer(catalog.models().stream()
                .map(m -> new ChatServer.Model(m.name(), m.provider(), m.encoding())).toList());
    }

    public static Comparison compare(CamelContext context, StepLedger ledger, ChatServer server, String llm, PrintStream out)
            throws Exception {
        List<Document> documents = documents(context);
        out.printf("camel-orchestration example: %d documents through extract -> summarize -> urgent? -> reply -> validate -> send%n",
                documents.size());
        out.printf("LLM: %s%n%n", llm);

        OrchestrateComponent orchestrate = context.getComponent("orchestrate", OrchestrateComponent.class);
        // flipped at runtime as an operator would through JMX; the next exchange sees the new value
        orchestrate.setEnabled(false);
        RunResult off = batch("off", context, documents, ledger, out);
        orchestrate.setEnabled(true);
        RunResult on = batch("on", context, documents, ledger, out);

        out.println();
        ComparisonTable.print(out, off, on);
        out.println();
        out.printf("urgent replies: %d of %d documents with orchestration off, %d with it on; %d decision(s) differ%n",
                off.urgent(), documents.size(), on.urgent(), differing(off, on));
        out.printf("urgent? per document (off/on): %s%n", decisions(off, on));
        out.printf("component totals (JMX TotalTokensUsed, TotalCost): %d tokens, %.6f USD; outbox: target/outbox/{off,on}%n",
                orchestrate.getTotalTokensUsed(), orchestrate.getTotalCost());
        if (server != null) {
            out.printf("embedded server: %d requests, %d answered with HTTP 503 and retried by the client%n",
                    server.requests(), server.errors());
        }
        if (off.failed() + on.failed() > 0) {
            out.printf("FAILED documents: %d off, %d on%n", off.failed(), on.failed());
        }
        return new Comparison(off, on);
    }

    /** A chat model bean as users write it: the listener hands the model's usage report to the orchestrated step. */
    public static ChatModel chatModel(String baseUrl, String apiKey, String remoteName, ModelInfo priced, StepLedger ledger) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(remoteName)
                .temperature(0.0)
                .timeout(Duration.ofSeconds(60))
                .maxRetries(3)
                .listeners(List.of(new OrchestrationChatModelListener(), ledger.listenerFor(priced)))
                .build();
    }

    public record Document(String id, String text) {
    }

    /** The bundled documents, by id. */
    public static List<Document> documents(CamelContext context) throws Exception {
        PackageScanResourceResolver resolver = context.getCamelContextExtension()
                .getContextPlugin(PackageScanResourceResolver.class);
        Collection<Resource> found = resolver.findResources("classpath:documents/*.txt");
        List<Document> docs = new ArrayList<>();
        for (Resource r : found) {
            try (InputStream in = r.getInputStream()) {
                String name = r.getLocation().substring(r.getLocation().lastIndexOf('/') + 1);
                docs.add(new Document(name.replace(".txt", ""), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        docs.sort(Comparator.comparing(Document::id));
        if (docs.isEmpty()) {
            throw new IllegalStateException("no documents found at classpath:documents/*.txt");
        }
        return docs;
    }

    private static RunResult batch(String label, CamelContext context, List<Document> documents, StepLedger ledger,
            PrintStream out) {
        Map<String, Long> fallbacksBefore = fallbacks(context);
        Map<String, String> priorities = new LinkedHashMap<>();
        int failed = 0;
        long t0 = System.nanoTime();
        try (ProducerTemplate template = context.createProducerTemplate()) {
            int done = 0;
            for (Document d : documents) {
                out.printf("\rorchestration %-3s: document %2d of %d (%s)   ", label, done + 1, documents.size(), d.id());
                out.flush();
                Exchange ex = template.request("direct:correspondence", e -> {
                    e.getMessage().setBody(d.text());
                    e.getMessage().setHeader("documentId", d.id());
                    e.getMessage().setHeader("run", label);
                });
                if (ex.getException() != null) {
                    failed++;
                    out.printf("%n  %s failed: %s%n", d.id(), ex.getException());
                } else {
                    priorities.put(d.id(), ex.getProperty("priority", String.class));
                }
                done++;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        out.printf("\rorchestration %-3s: %d documents in %.1f s%s%n", label, documents.size(), elapsed.toMillis() / 1000d,
                " ".repeat(20));
        Map<String, StepTally> steps = ledger.closeRun();
        Map<String, Long> fallbacksAfter = fallbacks(context);
        steps.forEach((step, tally) -> tally.fallbacks(
                fallbacksAfter.getOrDefault(step, 0L) - fallbacksBefore.getOrDefault(step, 0L)));
        return new RunResult(label, steps, priorities, failed, elapsed);
    }

    private static Map<String, Long> fallbacks(CamelContext context) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (var e : context.getEndpoints()) {
            if (e instanceof OrchestrateEndpoint oe) {
                m.merge(oe.getStepId(), oe.getStepsFallenBack(), Long::sum);
            }
        }
        return m;
    }

    /** Each document's branch in both runs, "ca01 normal/normal", a star where they differ. */
    private static String decisions(RunResult off, RunResult on) {
        return off.priorities().entrySet().stream()
                .map(e -> {
                    String o = on.priorities().getOrDefault(e.getKey(), "-");
                    return e.getKey() + " " + e.getValue() + "/" + o + (e.getValue().equals(o) ? "" : "*");
                })
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static long differing(RunResult off, RunResult on) {
        return off.priorities().entrySet().stream()
                .filter(e -> on.priorities().containsKey(e.getKey()) && !e.getValue().equals(on.priorities().get(e.getKey())))
                .count();
    }

    private static void serve(ExampleSettings settings, PrintStream out) throws InterruptedException {
        out.printf("%nServing until Ctrl-C:%n  Prometheus: http://localhost:%d/observe/metrics%n"
                   + "  JMX: org.apache.camel:context=orchestration-example,type=components,name=\"orchestrate\" (jconsole)%n",
                settings.servePort());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }
}
