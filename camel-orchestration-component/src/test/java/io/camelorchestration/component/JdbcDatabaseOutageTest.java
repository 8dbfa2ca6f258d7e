package io.camelorchestration.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.audit.jdbc.JdbcAuditSink;
import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    /**
     * Every event the sink was handed, counted by kind: not a set of keys, since events of one kind can share
     * execution, action and entity (each sweep's settled-on-expiry event names the reservation table, no execution).
     */
    final Map<AuditAction, AtomicLong> published = new ConcurrentHashMap<>();
    /** The holds the settled-on-expiry events published say were settled, summed. */
    final AtomicLong holdsPublished = new AtomicLong();
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
        orchestrate.setAuditSink((AuditEvent e) -> {
            if (e.action() == AuditAction.ORCHESTRATION_BUDGET_SETTLED_ON_EXPIRY) {
                holdsPublished.addAndGet(((Number) e.details().get("holds")).longValue());
            }
            published.computeIfAbsent(e.action(), a -> new AtomicLong()).incrementAndGet();
        });
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
        AtomicLong slowestWhileUp = new AtomicLong();
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
        long back = System.nanoTime();
        // the ledger asks again (the probe finds the store back), and the orphaned reservations are past their TTL
        await("the ledger finds the store back").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> !ledger.markedDown() && System.nanoTime() - back >= TimeUnit.MILLISECONDS.toNanos(1200));
        run(template, 200, failed, fellBack, slowestWhileUp);

        // the settlements kept meanwhile, and the steps that ran without a reservation (their spend waits in the
        // journal until booked), are written; then what is still held has expired and is swept
        await("settlements written").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(io.camelorchestration.budget.BudgetStoreException.class)
                .until(() -> {
                    ledger.flush();
                    return orchestrate.pendingSettlements().waiting() == 0 && ledger.settlementsWaiting() == 0;
                });
        ledger.sweepExpired();
        // every event published is handed to the sink (off the exchange's thread) and written to the table
        long[] rowsWhenSettled = { -1 };
        await("audit trail written").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    long rows = db.queryLong("SELECT COUNT(*) FROM " + JdbcAuditSink.TABLE);
                    boolean settled = orchestrate.runtime().jdbcAudit().pending() == 0 && rows == rowsWhenSettled[0];
                    rowsWhenSettled[0] = rows;
                    return settled && total(published) >= rows;
                });
        long committed = db.queryLong("SELECT COALESCE(SUM(committed), 0) FROM orchestration_budget");
        long reserved = db.queryLong("SELECT COALESCE(SUM(reserved), 0) FROM orchestration_budget");
        // holds: a reservation in doubt that the store never took leaves a tombstone (given_back = 1) that holds
        // nothing and is swept only once its TTL is up
        long open = db.queryLong("SELECT COUNT(*) FROM orchestration_budget_reservation WHERE given_back = 0");
        long rows = db.queryLong("SELECT COUNT(*) FROM " + JdbcAuditSink.TABLE);
        Map<AuditAction, Long> rowsByKind = new EnumMap<>(AuditAction.class);
        Map<AuditAction, Long> publishedByKind = new EnumMap<>(AuditAction.class);
        for (AuditAction a : AuditAction.values()) {
            rowsByKind.put(a, db.queryLong("SELECT COUNT(*) FROM " + JdbcAuditSink.TABLE + " WHERE action = '" + a + "'"));
            publishedByKind.put(a, published.getOrDefault(a, new AtomicLong()).get());
        }
        long holdsInTable = db.queryLong("SELECT COALESCE(SUM(CAST(details->>'holds' AS BIGINT)), 0) FROM "
                + JdbcAuditSink.TABLE + " WHERE action = '" + AuditAction.ORCHESTRATION_BUDGET_SETTLED_ON_EXPIRY + "'");
        long expiredRows = db.queryLong("SELECT COUNT(*) FROM " + JdbcBudgetLedger.SETTLEMENTS
                + " WHERE kind IN ('expired', 'corrected')");
        double gauge = meters.get("orchestration.budget.reserved").gauge().value();
        System.out.printf("database outage: %d exchanges, %d fell back while the store was down, slowest then %d ms"
                        + " (%d ms once it was back); committed %d, reserved %d, open reservations %d, gauge %.0f; %d holds settled"
                        + " on expiry, %d reservations in doubt given back; audit %d published, %d rows, by kind %s%n",
                1000, duringOutage, TimeUnit.NANOSECONDS.toMillis(slowestWhileDown.get()),
                TimeUnit.NANOSECONDS.toMillis(slowestWhileUp.get()), committed, reserved, open, gauge,
                ledger.holdsSettledOnExpiry(), ledger.reservationsInDoubt(), total(published), rows, rowsByKind);

        assertThat(failed.get()).as("no exchange failed").isZero();
        assertThat(duringOutage).as("hard budget failed closed into the fallback policy").isPositive();
        assertThat(reserved).as("nothing stays reserved after the outage").isZero();
        assertThat(open).isZero();
        assertThat(gauge).as("orchestration.budget.reserved back to 0").isZero();
        assertThat(committed).as("every step is booked, 20 tokens each: those that held a reservation, also when they"
                + " settled while the store was down, and those that ran without one (booked from the journal)")
                .isEqualTo(20 * 1000);
        assertThat(rows).as("every audit event reached the table, once").isEqualTo(total(published));
        assertThat(rowsByKind).as("every audit event reached the table, once, kind by kind").isEqualTo(publishedByKind);
        assertThat(rowsByKind.get(AuditAction.ORCHESTRATION_INITIALIZED)).as("one workflow started per exchange").isEqualTo(1000);
        assertThat(rowsByKind.get(AuditAction.ORCHESTRATION_COMPLETED)).as("one workflow completed per exchange").isEqualTo(1000);
        assertThat(rowsByKind.get(AuditAction.ORCHESTRATION_STEP_EXECUTED)
                + rowsByKind.get(AuditAction.ORCHESTRATION_STEP_FAILED)).as("one step event per exchange").isEqualTo(1000);
        assertThat(rowsByKind.get(AuditAction.ORCHESTRATION_BUDGET_EXCEEDED))
                .as("one budget-exceeded event per exchange that fell back, the store unreachable").isEqualTo(fellBack.get());
        assertThat(holdsPublished.get()).as("the settled-on-expiry events count every hold the sweeps settled")
                .isEqualTo(ledger.holdsSettledOnExpiry()).isEqualTo(holdsInTable).isEqualTo(expiredRows);
        // waiting for the database would take its connect timeout (2 s); a loaded machine slows every exchange alike
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowestWhileDown.get())).as("no exchange waited for the database")
                .isLessThan(Math.max(3000, 3 * TimeUnit.NANOSECONDS.toMillis(slowestWhileUp.get())));
    }

    private static long total(Map<AuditAction, AtomicLong> counts) {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
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
