package io.camelorchestration.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 8 threads x 500 exchanges through a two-step workflow (one step behind an asynchronous seda delegate): every
 * token is counted once, and the step headers, the exchange totals, the meters and the MBean totals agree exactly.
 */
class ConcurrentTotalsTest extends OrchestrateTestSupport {

    static final int THREADS = 8;
    static final int PER_THREAD = 500;

    // the delegate reports its own usage, different per call
    final FakeLlm summarizer = fakeLlm("seda:summarizer?concurrentConsumers=4").routeId("summarizer")
            .answers(call -> "short summary " + call.n())
            .usage(call -> new FakeLlm.Usage(100 + call.n() % 17, 10 + call.n() % 5));
    // no usage report: the tokenizer counts
    final FakeLlm writer = fakeLlm("direct:writer").routeId("writer")
            .answers(call -> "Dear customer, thank you. " + call.text().length());

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setWorkflowBudgetTokens(1_000_000);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:workflow").routeId("workflow")
                        .to("orchestrate:summarize?intent=summarize&delegate=seda:summarizer?waitForTaskToComplete=Always")
                        .setProperty("step1", header(OrchestrateConstants.TOKENS_USED))
                        .setProperty("saved1", header(OrchestrateConstants.TOKENS_SAVED))
                        .setBody(simple("${exchangeProperty.original}"))
                        .to("orchestrate:reply?intent=generate&delegate=direct:writer")
                        .setProperty("step2", header(OrchestrateConstants.TOKENS_USED))
                        .setProperty("saved2", header(OrchestrateConstants.TOKENS_SAVED));
            }
        };
    }

    @Test
    void totalsAreExactUnderConcurrency() throws Exception {
        String doc = OrchestratePipelineTest.LONG_TEXT;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                long used = 0;
                long saved = 0;
                long fromProperty = 0;
                for (int i = 0; i < PER_THREAD; i++) {
                    String body = doc + " Ticket " + thread + "-" + i + ".";
                    Exchange out = template.request("direct:workflow", e -> {
                        e.getMessage().setBody(body);
                        e.setProperty("original", body);
                    });
                    assertThat(out.getException()).isNull();
                    used += out.getProperty("step1", Long.class) + out.getProperty("step2", Long.class);
                    saved += out.getProperty("saved1", Long.class) + out.getProperty("saved2", Long.class);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> totals = out.getProperty(OrchestrateConstants.METRICS_PROPERTY, Map.class);
                    assertThat(totals.get("stepsOrchestrated")).isEqualTo(2L);
                    fromProperty += (Long) totals.get("totalTokensUsed");
                }
                return new long[] { used, saved, fromProperty };
            }));
        }
        long used = 0;
        long saved = 0;
        long fromProperties = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            used += r[0];
            saved += r[1];
            fromProperties += r[2];
        }
        pool.shutdown();

        OrchestrateComponent c = context.getComponent("orchestrate", OrchestrateComponent.class);
        double meterUsed = meters.find("orchestration.tokens.used").counters().stream().mapToDouble(x -> x.count()).sum();
        double meterSaved = meters.find("orchestration.tokens.saved").counters().stream().mapToDouble(x -> x.count()).sum();
        double meterSteps = meters.find("orchestration.steps").tag("outcome", "orchestrated").counters().stream()
                .mapToDouble(x -> x.count()).sum();

        assertThat(summarizer.calls()).isEqualTo(THREADS * PER_THREAD);
        assertThat(used).isPositive();
        assertThat(saved).isPositive();
        assertThat(fromProperties).isEqualTo(used);
        assertThat(c.getTotalTokensUsed()).isEqualTo(used);
        assertThat(c.getTotalTokensSaved()).isEqualTo(saved);
        assertThat((long) meterUsed).isEqualTo(used);
        assertThat((long) meterSaved).isEqualTo(saved);
        assertThat((long) meterSteps).isEqualTo(2L * THREADS * PER_THREAD);
        assertThat(c.getStepsOrchestrated()).isEqualTo(2L * THREADS * PER_THREAD);
        assertThat(c.getStepsFallenBack()).isZero();
        assertThat(meters.get("orchestration.budget.reserved").tag("route", "workflow").gauge().value()).isZero();
        double meterCost = meters.find("orchestration.cost").counters().stream().mapToDouble(x -> x.count()).sum();
        assertThat(meterCost).isCloseTo(c.getTotalCost(), org.assertj.core.data.Offset.offset(1e-9));
    }
}
