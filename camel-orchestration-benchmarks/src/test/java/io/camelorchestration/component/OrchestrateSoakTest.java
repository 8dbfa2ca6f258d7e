package io.camelorchestration.component;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 exchanges through a fully enabled step (compression, routing, cumulative budgets on 50 keys, meters,
 * audit): the live heap after a GC at 100k is where it was at 10k. Nothing is kept per exchange. A few minutes: it
 * runs in the benchmarks module, {@code mvn -B -ntp -Pbench -pl camel-orchestration-benchmarks -am test
 * -Dtest=OrchestrateSoakTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OrchestrateSoakTest extends OrchestrateTestSupport {

    static final int WARM_UP = 10_000;
    static final int TOTAL = 100_000;
    /** Retaining even 100 bytes per exchange would show as 9 MB over the last 90,000. */
    static final long ALLOWED_GROWTH_BYTES = 8L * 1024 * 1024;

    private final AtomicLong auditEvents = new AtomicLong();

    {
        // the record of calls would be heap the test counts
        llm.routeId("llm").answers("yes").usage(40, 8).keeps(0);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setWorkflowBudgetTokens(50_000);
        orchestrate.setBudgets("tenant-*=1000000000 tokens/day hard; *=100000 usd/month soft");
        orchestrate.setMeterRegistry(new SimpleMeterRegistry());
        orchestrate.setAuditSink((AuditEvent e) -> auditEvents.incrementAndGet());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ticket").routeId("ticket")
                        .to("orchestrate:triage?delegate=direct:llm&intent=conditional&budgetKey=RAW(${header.tenant})")
                        .to("orchestrate:reply?delegate=direct:llm&intent=generate&maxOutputTokens=64&budgetKey=RAW(${header.tenant})");
            }
        };
    }

    @Test
    void theHeapStaysSteadyOver100kExchanges() throws Exception {
        ProducerTemplate producer = template;
        long t0 = System.nanoTime();
        long failures = send(producer, 0, WARM_UP);
        long heapAt10k = heapAfterGc();
        failures += send(producer, WARM_UP, TOTAL);
        long heapAt100k = heapAfterGc();
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

        System.out.printf("soak: %d exchanges (2 orchestrated steps each) in %d s; heap after GC at 10k: %.1f MB,"
                        + " at 100k: %.1f MB (growth %+.1f MB); %d audit events%n",
                TOTAL, seconds, heapAt10k / 1048576.0, heapAt100k / 1048576.0, (heapAt100k - heapAt10k) / 1048576.0,
                auditEvents.get());

        assertThat(failures).isZero();
        assertThat(context.getComponent("orchestrate", OrchestrateComponent.class).getStepsOrchestrated())
                .isEqualTo(2L * TOTAL);
        assertThat(heapAt100k - heapAt10k).as("heap growth between 10k and 100k exchanges")
                .isLessThan(ALLOWED_GROWTH_BYTES);
    }

    private static long send(ProducerTemplate producer, int from, int to) {
        long failures = 0;
        for (int i = from; i < to; i++) {
            int n = i;
            if (producer.send("direct:ticket", e -> {
                e.getMessage().setHeader("tenant", "tenant-" + (n % 50));
                e.getMessage().setBody("Ticket " + n + ": my order has not arrived, is this urgent?");
            }).getException() != null) {
                failures++;
            }
        }
        return failures;
    }

    private static long heapAfterGc() throws InterruptedException {
        // audit delivery is asynchronous: let its queue drain before measuring
        Thread.sleep(500);
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
