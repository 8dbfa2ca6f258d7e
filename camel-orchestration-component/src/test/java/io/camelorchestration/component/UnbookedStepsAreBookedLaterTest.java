package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.budget.BudgetStorePolicy;
import io.camelorchestration.budget.PendingSettlements;
import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import io.camelorchestration.component.testing.FakeLlm;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database behind the JDBC ledger is stopped mid-run while steps keep running under each policy that lets them
 * go on (closed with degrade, closed with fallback, open). Steps that ran without a reservation say so, keep their
 * real spend in the journal on disk, and when the database is back it is booked: the ledger's committed total is the
 * sum of the usage every delegate reported, nothing stays reserved, and booking the journal again books nothing twice.
 */
// Not on OrchestrateTestSupport: three instances, each a context of its own, share one database.
class UnbookedStepsAreBookedLaterTest {

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    @TempDir
    Path journals;

    /** One instance: its own context, tenant and policy, the database shared. */
    private final class Instance implements AutoCloseable {
        final String tenant;
        final CamelContext ctx = new DefaultCamelContext();
        final OrchestrateComponent orchestrate = new OrchestrateComponent();
        final JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource(), Duration.ofMinutes(10),
                Duration.ofSeconds(1), Duration.ofSeconds(2));
        /** What the model reports it used: the figure the books must end up with. */
        final FakeLlm llm = new FakeLlm().answers("Thanks, noted.")
                .usage(call -> new FakeLlm.Usage(ThreadLocalRandom.current().nextInt(5, 40),
                        ThreadLocalRandom.current().nextInt(1, 50)));
        final AtomicLong failed = new AtomicLong();
        final AtomicLong unbooked = new AtomicLong();
        final AtomicLong unmarked = new AtomicLong();
        ProducerTemplate template;

        Instance(String tenant, BudgetStorePolicy storePolicy, String onExceeded) throws Exception {
            this.tenant = tenant;
            ctx.getCamelContextExtension().setName("unbooked-" + tenant);
            orchestrate.setEnabled(true);
            orchestrate.setBudgets(tenant + "=100000000 tokens/day hard");
            orchestrate.setOnBudgetStoreUnavailable(storePolicy);
            orchestrate.setBudgetLedger(ledger);
            orchestrate.setJournalDirectory(journals.toString());
            ctx.addComponent("orchestrate", orchestrate);
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ask").to("orchestrate:answer?delegate=direct:llm&intent=generate&maxOutputTokens=50"
                            + "&budgetKey=RAW(${header.tenant})&onBudgetExceeded=" + onExceeded);
                }
            });
            ctx.addRoutes(llm);
            ctx.start();
            template = ctx.createProducerTemplate();
        }

        void send(int n) {
            for (int i = 0; i < n; i++) {
                Exchange out = template.send("direct:ask", e -> {
                    e.getMessage().setHeader("tenant", tenant);
                    e.getMessage().setBody("Please confirm the order.");
                });
                if (out.getException() != null) {
                    failed.incrementAndGet();
                    continue;
                }
                Object pending = out.getMessage().getHeader(OrchestrateConstants.PENDING_SETTLEMENT);
                String reason = String.valueOf(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON));
                if (pending != null) {
                    unbooked.incrementAndGet();
                    if (!reason.contains("ran unbooked") || !reason.contains(pending.toString())) {
                        unmarked.incrementAndGet();
                    }
                }
            }
        }

        long committed() throws Exception {
            return db.queryLong("SELECT COALESCE(SUM(committed), 0) FROM orchestration_budget WHERE budget_key = '" + tenant + "'");
        }

        long reserved() throws Exception {
            return db.queryLong("SELECT COALESCE(SUM(reserved), 0) FROM orchestration_budget WHERE budget_key = '" + tenant + "'");
        }

        @Override
        public void close() {
            ctx.stop();
        }
    }

    @Test
    void everyStepThatRanWithoutAReservationIsBookedOnceWhenTheStoreIsBack() throws Exception {
        try (Instance degrade = new Instance("t-degrade", BudgetStorePolicy.CLOSED, "degrade");
                Instance fallback = new Instance("t-fallback", BudgetStorePolicy.CLOSED, "fallback");
                Instance open = new Instance("t-open", BudgetStorePolicy.OPEN, "degrade")) {
            List<Instance> all = List.of(degrade, fallback, open);
            sendAll(all, 20);
            db.stopServer();
            try {
                sendAll(all, 40);
            } finally {
                db.startServer();
            }
            sendAll(all, 20);

            for (Instance i : all) {
                PendingSettlements pending = i.orchestrate.pendingSettlements();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    i.ledger.flush();
                    return pending.waiting() == 0 && i.committed() == i.llm.reportedTokens();
                });
                System.out.printf("%s: %d steps unbooked during the outage, booked later; committed %d = reported %d,"
                        + " reserved %d%n", i.tenant, i.unbooked.get(), i.committed(), i.llm.reportedTokens(), i.reserved());
                assertThat(i.failed.get()).as(i.tenant + ": no exchange failed").isZero();
                assertThat(i.unbooked.get()).as(i.tenant + ": steps ran unbooked while the store was down").isPositive();
                assertThat(i.unmarked.get()).as(i.tenant + ": every unbooked step's reason says so").isZero();
                assertThat(i.committed()).as(i.tenant + ": committed = the usage the delegates reported")
                        .isEqualTo(i.llm.reportedTokens());
                assertThat(i.reserved()).as(i.tenant + ": nothing stays reserved").isZero();
                assertThat(pending.booked()).isPositive();
            }
            long booked = db.queryLong("SELECT COUNT(*) FROM " + JdbcBudgetLedger.SETTLEMENTS);
            assertThat(booked).as("one settlement row per unbooked step")
                    .isEqualTo(all.stream().mapToLong(i -> i.unbooked.get()).sum());
        }
    }

    private static void sendAll(List<Instance> all, int perInstance) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(all.size() * 2);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Instance i : all) {
                for (int t = 0; t < 2; t++) {
                    fs.add(pool.submit(() -> i.send(perInstance / 2)));
                }
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
