package io.camelorchestration.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelorchestration.component.LedgerType;
import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.component.OrchestrateConstants;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One route step, {@code from("direct:step").to(X)}, where X is, side by side:
 * <ul>
 * <li>{@code plain}: {@code direct:x} itself;</li>
 * <li>{@code disabled}: {@code orchestrate:} around {@code direct:x}, the component disabled;</li>
 * <li>{@code enabled}: enabled, compression and routing off (classify, budget, meters, usage read-back);</li>
 * <li>{@code memory}: as {@code enabled}, plus a cumulative budget per tenant ({@code budgetKey}) in the memory ledger;</li>
 * <li>{@code compressed}: as {@code enabled}, with compression on, a 4k-token Brown document (intent summarize);</li>
 * <li>{@code jdbc}: as {@code enabled}, plus a cumulative budget per tenant in the JDBC ledger on PostgreSQL.</li>
 * </ul>
 * {@code direct:x} plays the LLM: it reports its usage in the generic usage headers, as an LLM component does, and
 * answers with a short text. A Micrometer registry is bound, so the meters are live; no audit endpoint.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StepBenchmark {

    /** Tenants the memory and jdbc modes spreads its budget keys over (one row each in the ledger). */
    static final int TENANTS = 16;

    @Param({ "plain", "disabled", "enabled", "memory", "jdbc", "compressed" })
    public String mode;

    private CamelContext context;
    private ProducerTemplate template;
    private Endpoint entry;
    private PostgresFixture postgres;
    private String body;

    @State(Scope.Thread)
    public static class Caller {
        private static final AtomicInteger NEXT = new AtomicInteger();
        final String tenant = "tenant-" + NEXT.getAndIncrement() % TENANTS;
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        context = new DefaultCamelContext();
        context.getRegistry().bind("meters", new SimpleMeterRegistry());
        String step = "direct:x";
        if (!mode.equals("plain")) {
            OrchestrateComponent orchestrate = new OrchestrateComponent();
            orchestrate.setEnabled(!mode.equals("disabled"));
            orchestrate.setDefaultModel("gpt-4o");
            String options = "intent=summarize";
            if (mode.equals("compressed")) {
                orchestrate.setCompressionEnabled(true);
            }
            if (mode.equals("memory") || mode.equals("jdbc")) {
                if (mode.equals("jdbc")) {
                    postgres = new PostgresFixture(32);
                    orchestrate.setLedger(LedgerType.JDBC);
                    orchestrate.setDataSource(postgres.dataSource());
                }
                // a limit no run reaches: every reservation is granted, so all steps take the same path
                orchestrate.setBudgets("tenant-*=1000000000000 tokens/day hard");
                options += "&budgetKey=${header.tenant}";
            }
            context.addComponent("orchestrate", orchestrate);
            step = "orchestrate:summarize?" + options + "&delegate=direct:x";
        }
        String target = step;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:step").routeId("step").to(target);
                from("direct:x").routeId("llm").process(e -> {
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, 120);
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, 20);
                    e.getMessage().setBody("A short answer.");
                });
            }
        });
        context.start();
        template = context.createProducerTemplate();
        // resolved once: looking an endpoint up by URI on every call would add the same cost to every mode
        entry = context.getEndpoint("direct:step");
        body = mode.equals("compressed") ? BenchData.document() : BenchData.message();
        // the benchmark must measure what it claims: the orchestrated modes really run the pipeline
        Object orchestrated = template.request(entry, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader("tenant", "tenant-0");
        }).getMessage().getHeader(OrchestrateConstants.ORCHESTRATED);
        boolean expected = !mode.equals("plain") && !mode.equals("disabled");
        if (expected != Boolean.TRUE.equals(orchestrated)) {
            throw new IllegalStateException("mode " + mode + ": CamelOrchestrated=" + orchestrated);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        context.stop();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Benchmark
    public Object step(Caller caller) {
        return template.requestBodyAndHeader(entry, body, "tenant", caller.tenant);
    }
}
