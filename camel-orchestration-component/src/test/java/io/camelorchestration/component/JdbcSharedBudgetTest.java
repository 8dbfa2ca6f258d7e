package io.camelorchestration.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.component.testing.FakeLlm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Camel instances share one hard budget in one PostgreSQL. 32 threads each hammer it while some calls fail and
 * some time out: the spend never passes the limit, every token booked is one a caller was told about, and nothing
 * stays reserved.
 */
// Not on OrchestrateTestSupport: two instances, each a context of its own, share one database.
class JdbcSharedBudgetTest {

    static final long LIMIT = 3_000;
    static final int THREADS = 32;
    static final int PER_THREAD = 12;

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    static CamelContext instance(DataSource ds, SimpleMeterRegistry registry) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("meters", registry);
        ctx.getRegistry().bind("budgetDb", ds);
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setLedger(LedgerType.JDBC);
        orchestrate.setBudgets("acme-*=" + LIMIT + " tokens/day hard");
        ctx.addComponent("orchestrate", orchestrate);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask")
                        .to("orchestrate:answer?delegate=direct:llm&intent=generate&maxOutputTokens=10"
                            + "&budgetKey=RAW(${header.tenant})&onBudgetExceeded=fail");
            }
        });
        // what a model reports: within the output cap, at most the input it was sent; some calls fail, some time out
        ctx.addRoutes(new FakeLlm().routeId("llm").answers("ok").usage(1, 10)
                .failsWhen(call -> "fail".equals(call.headers().get("mode")), call -> new IllegalStateException("model overloaded"))
                .timesOutWhen(call -> "timeout".equals(call.headers().get("mode")), Duration.ofMillis(20)));
        ctx.start();
        return ctx;
    }

    @Test
    void twoInstancesNeverSpendMoreThanTheHardBudgetAndLeakNothing() throws Exception {
        SimpleMeterRegistry metersOne = new SimpleMeterRegistry();
        SimpleMeterRegistry metersTwo = new SimpleMeterRegistry();
        // each instance with its own connection pool, as two JVMs would have
        CamelContext one = instance(db.pooledDataSource(), metersOne);
        CamelContext two = instance(db.pooledDataSource(), metersTwo);
        AtomicLong reportedTokens = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong delegateFailures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (CamelContext ctx : List.of(one, two)) {
                ProducerTemplate template = ctx.createProducerTemplate();
                for (int t = 0; t < THREADS; t++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < PER_THREAD; i++) {
                            String mode = i % 6 == 2 ? "fail" : i % 6 == 5 ? "timeout" : "ok";
                            Exchange out = template.send("direct:ask", e -> {
                                e.getMessage().setHeader("tenant", "acme-eu");
                                e.getMessage().setHeader("mode", mode);
                                e.getMessage().setBody("Hello there, please answer the customer politely.");
                            });
                            if (out.getException() instanceof BudgetExceededException) {
                                refused.incrementAndGet();
                            } else if (out.getException() != null) {
                                delegateFailures.incrementAndGet();
                            } else {
                                answered.incrementAndGet();
                                reportedTokens.addAndGet(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class));
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
            for (SimpleMeterRegistry meters : List.of(metersOne, metersTwo)) {
                assertThat(meters.get("orchestration.budget.reserved").tag("route", "ask").gauge().value())
                        .as("each instance's reserved gauge back to 0").isZero();
            }
        } finally {
            pool.shutdownNow();
            one.stop();
            two.stop();
        }

        long committed = db.queryLong("SELECT SUM(committed) FROM orchestration_budget WHERE budget_key = 'acme-eu'");
        long reserved = db.queryLong("SELECT SUM(reserved) FROM orchestration_budget WHERE budget_key = 'acme-eu'");
        long open = db.queryLong("SELECT COUNT(*) FROM orchestration_budget_reservation");
        System.out.printf("shared budget: limit %d, committed %d, reserved %d, answered %d, refused %d, delegate failures %d%n",
                LIMIT, committed, reserved, answered.get(), refused.get(), delegateFailures.get());

        assertThat(refused.get()).as("the budget was contended: some steps refused").isPositive();
        assertThat(delegateFailures.get()).as("failed and timed-out calls").isPositive();
        assertThat(answered.get() + refused.get() + delegateFailures.get()).isEqualTo(2L * THREADS * PER_THREAD);
        assertThat(committed).as("final SELECT of the spend").isLessThanOrEqualTo(LIMIT).isEqualTo(reportedTokens.get());
        assertThat(reserved).as("nothing left reserved by failed or timed-out steps").isZero();
        assertThat(open).isZero();
    }
}
