package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.audit.AuditSink;
import io.camelorchestration.budget.InterceptedLedger;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.classify.KeywordIntentClassifier;
import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.Compressor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Each stage of the pipeline breaks in turn: the classifier, the compressor, the budget ledger, the audit sink and
 * the meter registry. Every exchange still completes through the delegate, with the original message.
 */
class OrchestrateFaultInjectionTest extends OrchestrateTestSupport {

    static final String PROMPT = "Please summarize the following   report.\n\n\n\nRevenue grew   in Q3.   Costs fell.";

    private volatile String broken = "";
    private final BrokenMeters brokenMeters = new BrokenMeters();

    {
        llm.routeId("llm").answers("Revenue grew; costs fell.");
    }

    private void breaks(String stage) {
        if (broken.equals(stage)) {
            throw new IllegalStateException(stage + " is down (injected)");
        }
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setBudgets("acme-*=1000000 tokens/day hard");
        IntentClassifier keywords = new KeywordIntentClassifier();
        orchestrate.setClassifier(step -> {
            breaks("classifier");
            return keywords.classify(step);
        });
        Compressor compressor = CompressionPipeline.defaults();
        orchestrate.setCompressor(request -> {
            breaks("compressor");
            return compressor.compress(request);
        });
        orchestrate.setBudgetLedger(new InterceptedLedger((operation, scope) -> {
            if (operation.equals("reserve")) {
                breaks("ledger");
            } else if (operation.equals("commit")) {
                breaks("ledger commit");
            }
        }));
        orchestrate.setAuditSink((AuditSink) (AuditEvent e) -> breaks("audit sink"));
        orchestrate.setMeterRegistry(brokenMeters);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:report").routeId("report")
                        .to("orchestrate:digest?delegate=direct:llm&budgetKey=RAW(${header.tenant})");
            }
        };
    }

    private Exchange send() {
        return template.send("direct:report", e -> {
            e.getMessage().setHeader("tenant", "acme-eu");
            e.getMessage().setBody(PROMPT);
        });
    }

    private void assertFellBackThroughTheDelegate(Exchange out, String stage) {
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(String.class)).isEqualTo("Revenue grew; costs fell.");
        assertThat(llm.received()).extracting(FakeLlm.Call::text).as("the delegate got the original message").containsExactly(PROMPT);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        // the exception's class and a fixed description: its message could quote the message being processed
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .isEqualTo("orchestration failed before the call (java.lang.IllegalStateException)");
    }

    @Test
    void withoutFaultsTheStepIsOrchestrated() {
        Exchange out = send();
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON)).isNull();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.INTENT, String.class)).as("classified").isEqualTo("summarize");
        assertThat(llm.received()).extracting(FakeLlm.Call::text).hasSize(1);
    }

    @Test
    void theClassifierFails() {
        broken = "classifier";
        assertFellBackThroughTheDelegate(send(), "classifier");
    }

    @Test
    void theCompressorFails() {
        broken = "compressor";
        assertFellBackThroughTheDelegate(send(), "compressor");
    }

    @Test
    void theLedgerFailsToReserve() {
        broken = "ledger";
        assertFellBackThroughTheDelegate(send(), "ledger");
    }

    @Test
    void theLedgerFailsToCommitAfterTheCall() {
        broken = "ledger commit";
        Exchange out = send();
        assertThat(out.getException()).isNull();
        // the delegate had already answered: its answer is kept, only the bookkeeping is lost
        assertThat(llm.received()).extracting(FakeLlm.Call::text).hasSize(1);
        assertThat(out.getMessage().getBody(String.class)).isEqualTo("Revenue grew; costs fell.");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .isEqualTo("orchestration failed after the call (java.lang.IllegalStateException)");
    }

    @Test
    void theMeterRegistryFails() {
        broken = "meter registry";
        assertFellBackThroughTheDelegate(send(), "meter registry");
    }

    @Test
    void theAuditSinkFailsOffTheExchangeThread() throws Exception {
        broken = "audit sink";
        Exchange out = send();
        // audit runs after the fact, off the exchange's thread: the step itself is not affected
        assertThat(out.getException()).isNull();
        assertThat(llm.received()).extracting(FakeLlm.Call::text).hasSize(1);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (orchestrate().getAuditFailures() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(orchestrate().getAuditFailures()).as("counted, not felt").isGreaterThanOrEqualTo(2);
        assertThat(brokenMeters.find("orchestration.audit.failures").counter().count()).isGreaterThanOrEqualTo(2);
    }

    /** A registry that refuses new meters while broken. */
    private final class BrokenMeters extends SimpleMeterRegistry {
        @Override
        protected Counter newCounter(Meter.Id id) {
            breaks("meter registry");
            return super.newCounter(id);
        }

        @Override
        protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
            breaks("meter registry");
            return super.newGauge(id, obj, valueFunction);
        }
    }
}
