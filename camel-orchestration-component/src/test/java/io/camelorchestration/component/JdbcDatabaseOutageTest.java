package io.camelorchestration.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One database holds both the budgets and the audit trail, and it goes down mid-run. While it is down, hard budgets
 * fail closed into the step's fallback policy and every exchange still completes; when it is back, the settlements
 * kept meanwhile are booked, the reservations they no longer hold have expired, nothing stays reserved, and every
 * audit event reaches the table.
 */
class JdbcDatabaseOutageTest extends OrchestrateTestSupport {

    static final long LIMIT = 1_000_000;

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    @TempDir
    Path journals;

    final Set<String> published = ConcurrentHashMap.newKeySet();
    JdbcBudgetLedger ledger;

    {
        llm.routeId("llm").answers("Thank you for your message.").usage(5, 15);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        // a short reservation TTL, so that the test sees reservations orphaned by the outage come back
        ledger = new JdbcBudgetLedger(db.dataSource(), Duration.ofMillis(800));
        orchestrate.setBudgets("acme-*=" + LIMIT + " tokens/day hard");
        orchestrate.setBudgetLedger(ledger);
        orchestrate.setAuditJdbc(true);
        orchestrate.setJournalDirectory(journals.toString());
        orchestrate.setDataSource(db.dataSource());
        orchestrate.setAuditSink((AuditEvent e) -> published.add(e.executionId() + "/" + e.action() + "/" + e.entityId()));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask")
                        .to("orchestrate:answer?delegate=direct:llm&intent=generate&maxOutputTokens=20"
                            + "&budgetKey=RAW(${header.tenant})&onBudgetExceeded=fallback");
            }
        };
    }

    @Test
    void budgetsAndAuditRideOutADatabaseOutage() throws Exception {
        OrchestrateComponent orchestrate = orchestrate();
        AtomicLong failed = new AtomicLong();
        AtomicLong fellBack = new AtomicLong();
        AtomicLong slowestWhileDown = new AtomicLong();
        run(template, 200, failed, fellBack, new AtomicLong());
        long before = fellBack.get();
        // the server goes away while exchanges are in flight
        ExecutorService stopper = Executors.newSingleThreadExecutor();
        Future<?> stop = stopper.submit(() -> {
            Thread.sleep(50);
            db.stopServer();
            return null;
        });
        run(template, 400, failed, fellBack, slowestWhileDown);
        stop.get();
        stopper.shutdown();
        run(template, 200, failed, fellBack, slowestWhileDown);
        long duringOutage = fellBack.get() - before;
        db.startServer();
        Thread.sleep(1200); // the ledger asks again, the orphaned reservations are past their TTL
        run(template, 200, failed, fellBack, new AtomicLong());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (orchestrate.runtime().jdbcAudit().pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        // the steps that ran without a reservation: their spend waits in the journal until booked
        while (orchestrate.pendingSettlements().waiting() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        ledger.flush();
        ledger.sweepExpired();
        long committed = db.queryLong("SELECT COALESCE(SUM(committed), 0) FROM orchestration_budget");
        long reserved = db.queryLong("SELECT COALESCE(SUM(reserved), 0) FROM orchestration_budget");
        long open = db.queryLong("SELECT COUNT(*) FROM orchestration_budget_reservation");
        long rows = db.queryLong("SELECT COUNT(*) FROM audit_trail");
        double gauge = meters.get("orchestration.budget.reserved").gauge().value();
        System.out.printf("database outage: %d exchanges, %d fell back while the store was down, slowest then %d ms;"
                        + " committed %d, reserved %d, open reservations %d, gauge %.0f; audit %d published, %d rows%n",
                1000, duringOutage, TimeUnit.NANOSECONDS.toMillis(slowestWhileDown.get()), committed, reserved, open,
                gauge, published.size(), rows);

        assertThat(failed.get()).as("no exchange failed").isZero();
        assertThat(duringOutage).as("hard budget failed closed into the fallback policy").isPositive();
        assertThat(reserved).as("nothing stays reserved after the outage").isZero();
        assertThat(open).isZero();
        assertThat(gauge).as("orchestration.budget.reserved back to 0").isZero();
        assertThat(committed).as("every step is booked, 20 tokens each: those that held a reservation, also when they"
                + " settled while the store was down, and those that ran without one (booked from the journal)")
                .isEqualTo(20 * 1000);
        assertThat(rows).as("every audit event reached the table, once").isEqualTo(published.size());
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowestWhileDown.get())).as("no exchange waited for the database")
                .isLessThan(3000);
    }

    private static void run(ProducerTemplate template, int exchanges, AtomicLong failed, AtomicLong fellBack,
            AtomicLong slowest) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < exchanges / 8; i++) {
                        long t0 = System.nanoTime();
                        Exchange out = template.send("direct:ask", e -> {
                            e.getMessage().setHeader("tenant", "acme-eu");
                            e.getMessage().setBody("Please write a reply to the customer.");
                        });
                        slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                        if (out.getException() != null) {
                            failed.incrementAndGet();
                        } else if (String.valueOf(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON))
                                .contains("budget store unreachable")) {
                            fellBack.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
