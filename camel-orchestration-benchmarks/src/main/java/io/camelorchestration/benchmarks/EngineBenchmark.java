package io.camelorchestration.benchmarks;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.camelorchestration.budget.BudgetRules;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.budget.InMemoryBudgetLedger;
import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelCatalogLoader;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Usd;
import io.camelorchestration.classify.HandlerRegistry;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.KeywordIntentClassifier;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.classify.StepIntent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.engine.Flags;
import io.camelorchestration.engine.StepInput;
import io.camelorchestration.engine.StepPlan;
import io.camelorchestration.engine.StepPlanner;
import io.camelorchestration.engine.StepSettings;
import io.camelorchestration.route.ComplexityScorer;
import io.camelorchestration.route.ModelRouter;
import io.camelorchestration.settle.WorkflowExecution;
import io.camelorchestration.text.TokenCounter;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone, no Camel: {@link StepPlanner#plan} and {@link StepPlanner#settle} for one step (classify,
 * handler, compress, route, reserve, settle with the memory ledger), the compression pipeline alone on a 4k-token
 * Brown document, and the tokenizer alone (jtokkit, o200k_base: gpt-4o's encoding).
 */
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {

    @State(Scope.Benchmark)
    public static class Planner {

        /**
         * {@code message-declared}: a ~100-token message, intent declared, compression and routing off;
         * {@code message-auto}: the same with intent {@code auto} (keyword classifier), routing on;
         * {@code document-compressed}: the 4k-token document, summarize, compression and routing on.
         */
        @Param({ "message-declared", "message-auto", "document-compressed" })
        public String input;

        StepPlanner planner;
        StepSettings settings;
        Flags flags;
        StepInput stepInput;
        ModelCatalog catalog;
        StepIntent stepIntent;

        @Setup(Level.Trial)
        public void build() {
            catalog = ModelCatalogLoader.builtIn();
            ModelInfo original = catalog.find("gpt-4o").orElseThrow();
            planner = new StepPlanner(new KeywordIntentClassifier(), HandlerRegistry.defaults(),
                    CompressionPipeline.defaults(), new ModelRouter(catalog, new ComplexityScorer()),
                    new CumulativeBudgets(BudgetRules.parse("tenant-*=1000000000000 tokens/day hard"),
                            new InMemoryBudgetLedger(), Clock.systemUTC()));
            boolean auto = input.equals("message-auto");
            boolean doc = input.equals("document-compressed");
            settings = new StepSettings("summarize",
                    new StepDescription("summarize", "Summarize the news report for the front page", "direct:x", null, null),
                    auto ? null : Intent.SUMMARIZE, null, null, null, true, null, original, OnBudgetExceeded.DEGRADE);
            // as the endpoint does at start-up
            stepIntent = planner.prepare(settings);
            flags = new Flags(doc, !input.equals("message-declared"));
            stepInput = new StepInput(doc ? BenchData.document() : BenchData.message(), null, "tenant-1", true);
        }
    }

    @State(Scope.Benchmark)
    public static class Document {
        CompressionPipeline pipeline;
        CompressionRequest request;

        @Setup(Level.Trial)
        public void build() {
            pipeline = CompressionPipeline.defaults();
            request = new CompressionRequest(BenchData.document(), CompressionLevel.AGGRESSIVE, Intent.SUMMARIZE,
                    "Summarize the news report for the front page", BenchData.ENCODING, false);
        }
    }

    /** The tokenizer alone, on the texts the steps send: what every enabled step pays to estimate its input. */
    @State(Scope.Benchmark)
    public static class Text {
        @Param({ "message", "document" })
        public String text;

        String value;

        @Setup(Level.Trial)
        public void build() {
            value = text.equals("document") ? BenchData.document() : BenchData.message();
        }
    }

    @Benchmark
    public int countTokens(Text t) {
        return TokenCounter.shared().count(t.value, BenchData.ENCODING);
    }

    @Benchmark
    public StepPlan planAndSettle(Planner p) {
        WorkflowExecution wf = new WorkflowExecution("bench", 0);
        StepPlan plan = p.planner.plan(p.planner.draft(p.settings, p.stepIntent, p.flags, p.stepInput, m -> true),
                p.settings, p.flags, p.stepInput, wf, m -> true);
        p.planner.settle(plan, wf, 140, Usd.ofMicros(1));
        return plan;
    }

    @Benchmark
    public CompressionResult compressDocument(Document d) {
        return d.pipeline.compress(d.request);
    }
}
