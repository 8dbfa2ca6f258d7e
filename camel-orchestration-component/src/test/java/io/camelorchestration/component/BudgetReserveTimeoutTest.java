package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.BudgetWindow;
import io.camelorchestration.budget.InterceptedLedger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A budget store that hangs costs a step no more than budget-reserve-timeout: the step follows the store policy at
 * once (here closed, degrade), runs unbooked and says so; the reservation the store grants too late is given back,
 * and the step's spend is booked from the journal, so the books end up with exactly what the delegate reported.
 */
class BudgetReserveTimeoutTest {

    @TempDir
    Path journals;

    @Test
    void aHangingStoreCostsAStepAtMostTheTimeout() throws Exception {
        // while the steps run, every reservation hangs until the store comes back; then it is quick again
        java.util.concurrent.atomic.AtomicBoolean hanging = new java.util.concurrent.atomic.AtomicBoolean(false);
        java.util.concurrent.CountDownLatch back = new java.util.concurrent.CountDownLatch(1);
        InterceptedLedger ledger = new InterceptedLedger((operation, scope) -> {
            if (operation.equals("reserve") && hanging.get()) {
                try {
                    back.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        AtomicLong reported = new AtomicLong();
        CamelContext ctx = new DefaultCamelContext();
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setBudgets("t-*=1000000 tokens/day hard");
        orchestrate.setBudgetLedger(ledger);
        orchestrate.setBudgetReserveTimeout(50);
        orchestrate.setJournalDirectory(journals.toString());
        ctx.addComponent("orchestrate", orchestrate);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("orchestrate:answer?delegate=direct:llm&intent=generate&maxOutputTokens=40"
                        + "&budgetKey=RAW(${header.tenant})&onBudgetExceeded=degrade");
                from("direct:llm").process(e -> {
                    reported.addAndGet(30);
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, 10);
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, 20);
                    e.getMessage().setBody("Noted.");
                });
            }
        });
        ctx.start();
        try {
            ProducerTemplate template = ctx.createProducerTemplate();
            // a first step while the store answers: warms the pipeline, and the ledger's first call (waited for in full)
            template.send("direct:ask", e -> {
                e.getMessage().setHeader("tenant", "t-hang");
                e.getMessage().setBody("Please confirm the order.");
            });
            hanging.set(true);
            long slowest = 0;
            int unbooked = 0;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                Exchange out = template.send("direct:ask", e -> {
                    e.getMessage().setHeader("tenant", "t-hang");
                    e.getMessage().setBody("Please confirm the order.");
                });
                System.out.println("step " + i + ": " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
                slowest = Math.max(slowest, System.nanoTime() - t0);
                assertThat(out.getException()).isNull();
                if (out.getMessage().getHeader(OrchestrateConstants.PENDING_SETTLEMENT) != null) {
                    unbooked++;
                    assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                            .contains("budget store unreachable").contains("ran unbooked");
                }
            }
            System.out.printf("hanging store: slowest step %d ms with budget-reserve-timeout=50ms%n",
                    TimeUnit.NANOSECONDS.toMillis(slowest));
            hanging.set(false);
            back.countDown();
            assertThat(unbooked).as("every step gave up waiting and ran unbooked").isEqualTo(3);
            // the store hung until now; a step that waited for it would not have come back at all
            assertThat(TimeUnit.NANOSECONDS.toMillis(slowest)).as("no step waited for the hanging store").isLessThan(5_000);

            BudgetScope scope = new BudgetScope("t-*|tokens|day", "t-hang", BudgetWindow.DAY.start(Instant.now()));
            // the late grants are given back, the spend is booked from the journal: exactly what was reported
            await().atMost(Duration.ofSeconds(20)).until(() -> orchestrate.pendingSettlements().waiting() == 0 && ledger.spent(scope) == reported.get());
            Thread.sleep(1500); // any reservation still to come back would show now
            assertThat(ledger.spent(scope)).isEqualTo(reported.get());
        } finally {
            ctx.stop();
        }
    }

    @Test
    void theExchangeThreadDoesNotWaitForTheStoreTheStepGoesOnWhenItAnswers() throws Exception {
        // the store answers each reservation only when the test lets it
        java.util.concurrent.Semaphore answers = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean(false);
        InterceptedLedger ledger = new InterceptedLedger((operation, scope) -> {
            if (operation.equals("reserve") && slow.get()) {
                answers.acquireUninterruptibly();
            }
        });
        java.util.List<String> modelThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        CamelContext ctx = new DefaultCamelContext();
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setBudgets("t-*=1000000 tokens/day hard");
        orchestrate.setBudgetLedger(ledger);
        orchestrate.setBudgetReserveTimeout(10_000);
        orchestrate.setJournalDirectory(journals.toString());
        ctx.addComponent("orchestrate", orchestrate);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:llm").process(e -> {
                    modelThreads.add(Thread.currentThread().getName());
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, 10);
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, 20);
                    e.getMessage().setBody("Noted.");
                });
            }
        });
        ctx.start();
        try {
            org.apache.camel.Endpoint step = ctx.getEndpoint("orchestrate:answer?delegate=direct:llm&intent=generate"
                    + "&maxOutputTokens=40&budgetKey=RAW(${header.tenant})");
            org.apache.camel.AsyncProducer producer = step.createAsyncProducer();
            producer.start();
            ctx.createProducerTemplate().send(step, e -> {
                e.getMessage().setHeader("tenant", "t-async");
                e.getMessage().setBody("Please confirm the order.");
            }); // the ledger's first call, waited for in full
            slow.set(true);

            Exchange exchange = step.createExchange();
            exchange.getMessage().setHeader("tenant", "t-async");
            exchange.getMessage().setBody("Please confirm the order.");
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            boolean sync = producer.process(exchange, doneSync -> done.countDown());

            assertThat(sync).as("the step returned its thread while the store had not answered").isFalse();
            assertThat(done.getCount()).isEqualTo(1);
            assertThat(modelThreads).as("the delegate waits for the reservation").hasSize(1);
            answers.release();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("Noted.");
            assertThat(exchange.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON)).isNull();
            assertThat(modelThreads).hasSize(2);
            assertThat(modelThreads.get(1)).as("went on on Camel's threads, not the store's").contains("OrchestrateBudgetContinue");
            BudgetScope scope = new BudgetScope("t-*|tokens|day", "t-async", BudgetWindow.DAY.start(Instant.now()));
            slow.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> ledger.spent(scope) == 60);
            producer.stop();
        } finally {
            slow.set(false);
            answers.release(100);
            ctx.stop();
        }
    }
}
