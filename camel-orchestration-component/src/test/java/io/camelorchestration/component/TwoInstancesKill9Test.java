package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import io.camelorchestration.budget.BudgetExceededException;
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
 * Two instances in two JVMs draw on one hard budget in one PostgreSQL; one is killed with {@code kill -9}
 * ({@code destroyForcibly}) mid-run. Its holds expire and are settled at their reserved amount, not given back to be
 * spent again: the real spend the delegates reported stays within the cap, the ledger's committed total is at least
 * that spend and above it only by what was settled on expiry, nothing stays reserved, and the survivor never failed
 * an exchange but for the budget.
 */
// Not on OrchestrateTestSupport: the same instance also runs in a child JVM (LedgerInstanceMain), killed with kill -9.
class TwoInstancesKill9Test {

    static final long CAP = 40_000;
    static final Duration TTL = Duration.ofMillis(1500);

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    @TempDir
    Path dir;

    /** One instance: a hard budget that fails when exhausted, a delegate that reports 5 input tokens and up to its cap. */
    static CamelContext instance(DataSource ds, Duration ttl, long cap, String journals, LongConsumer reported)
            throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setBudgets("shared=" + cap + " tokens/day hard");
        orchestrate.setBudgetLedger(new JdbcBudgetLedger(ds, ttl, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        orchestrate.setJournalDirectory(journals);
        ctx.addComponent("orchestrate", orchestrate);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").setHeader("tenant", constant("shared"))
                        .to("orchestrate:answer?delegate=direct:llm&intent=generate&maxOutputTokens=50"
                                + "&budgetKey=RAW(${header.tenant})&onBudgetExceeded=fail");
            }
        });
        // within what was reserved: the input the tokenizer counts, and the output cap
        ctx.addRoutes(new FakeLlm().answers("Noted.").usage(call -> {
            FakeLlm.Usage used = new FakeLlm.Usage(5, LedgerInstanceMain.output());
            reported.accept(used.total());
            return used;
        }));
        return ctx;
    }

    @Test
    void aKilledInstancesHoldsAreSettledNotSpentTwice() throws Exception {
        AtomicLong childReported = new AtomicLong();
        ChildJvm child = ChildJvm.start(LedgerInstanceMain.class, line -> {
            if (line.startsWith("spent ")) {
                childReported.addAndGet(Long.parseLong(line.substring(6)));
            }
        }, String.valueOf(db.port()), String.valueOf(TTL.toMillis()), String.valueOf(CAP), dir.resolve("child").toString());

        AtomicLong reported = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong refusedStore = new AtomicLong();
        CamelContext survivor = instance(db.dataSource(), TTL, CAP, dir.resolve("survivor").toString(), reported::addAndGet);
        survivor.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> childReported.get() > CAP / 8);
            ProducerTemplate template = survivor.createProducerTemplate();
            List<Thread> threads = new ArrayList<>();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    while (System.nanoTime() < until) {
                        Exchange out = template.send("direct:ask", e -> e.getMessage().setBody("Please confirm the order."));
                        if (out.getException() instanceof BudgetExceededException b) {
                            refused.incrementAndGet();
                            if (b.getMessage().contains("unreachable")) {
                                refusedStore.incrementAndGet();
                            }
                        } else if (out.getException() != null) {
                            failed.incrementAndGet();
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
            Thread.sleep(500);
            child.kill(); // kill -9, with steps in flight
            for (Thread th : threads) {
                th.join();
            }
        } finally {
            survivor.stop(); // writes its settlements
        }
        // the survivor's timer is gone with it: a restarted instance sweeps at start-up
        try (JdbcBudgetLedger restarted = new JdbcBudgetLedger(db.dataSource(), TTL)) {
            Thread.sleep(TTL.toMillis() + 200);
            restarted.sweepExpired();
        }
        long committed = db.queryLong("SELECT COALESCE(SUM(committed), 0) FROM orchestration_budget WHERE budget_key = 'shared'");
        long reserved = db.queryLong("SELECT COALESCE(SUM(reserved), 0) FROM orchestration_budget WHERE budget_key = 'shared'");
        long onExpiry = db.queryLong("SELECT COALESCE(SUM(amount), 0) FROM orchestration_budget_settlement WHERE kind = 'expired'"
                + " AND budget_key = 'shared'");
        long expiredHolds = db.queryLong("SELECT COUNT(*) FROM orchestration_budget_settlement WHERE kind = 'expired'"
                + " AND budget_key = 'shared'");
        long spent = reported.get() + childReported.get();
        System.out.printf("two JVMs, one killed: cap %d, reported spend %d (killed %d, survivor %d), committed %d, reserved %d,"
                        + " %d holds settled on expiry for %d tokens, survivor refused %d (%d of them: store slower than the reserve"
                        + " timeout), failed %d%n",
                CAP, spent, childReported.get(), reported.get(), committed, reserved, expiredHolds, onExpiry, refused.get(),
                refusedStore.get(), failed.get());
        assertThat(failed.get()).as("no exchange failed but for the budget").isZero();
        assertThat(spent).as("the real spend stays within the hard cap").isLessThanOrEqualTo(CAP);
        assertThat(reserved).as("nothing stays reserved").isZero();
        assertThat(committed).as("every reported token is booked").isGreaterThanOrEqualTo(spent);
        assertThat(committed - spent).as("booked above the spend only by what was settled on expiry")
                .isLessThanOrEqualTo(onExpiry);
        assertThat(committed).as("the books never pass the cap").isLessThanOrEqualTo(CAP);
    }
}
