package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.BudgetWindow;
import io.camelorchestration.budget.InterceptedLedger;
import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A budget store that hangs costs a step no more than budget-reserve-timeout: the step follows the store policy at
 * once (here closed, degrade), runs unbooked and says so; the reservation the store grants too late is given back,
 * and the step's spend is booked from the journal, so the books end up with exactly what the delegate reported.
 */
class BudgetReserveTimeoutTest extends OrchestrateTestSupport {

    @TempDir
    Path journals;

    /** What the store does on each reservation before it answers: nothing, until a test makes it hang. */
    volatile Runnable reserving = () -> { };
    final InterceptedLedger ledger = new InterceptedLedger((operation, scope) -> {
        if (operation.equals("reserve")) {
            reserving.run();
        }
    });

    {
        llm.answers("Noted.").usage(10, 20);
    }

    /** Each test starts the context with its own budget-reserve-timeout. */
    @Override
    public void configureTest(TestExecutionConfiguration test) {
        super.configureTest(test);
        test.withAutoStartContext(false);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setBudgets("t-*=1000000 tokens/day hard");
        orchestrate.setBudgetLedger(ledger);
        orchestrate.setJournalDirectory(journals.toString());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("orchestrate:answer?delegate=direct:llm&intent=generate&maxOutputTokens=40"
                        + "&budgetKey=RAW(${header.tenant})&onBudgetExceeded=degrade");
            }
        };
    }

    @Test
    void aHangingStoreCostsAStepAtMostTheTimeout() throws Exception {
        orchestrate().setBudgetReserveTimeout(50);
        context.start();
        // while the steps run, every reservation hangs until the store comes back; then it is quick again
        CountDownLatch back = new CountDownLatch(1);
        // a first step while the store answers: warms the pipeline, and the ledger's first call (waited for in full)
        template.send("direct:ask", e -> {
            e.getMessage().setHeader("tenant", "t-hang");
            e.getMessage().setBody("Please confirm the order.");
        });
        reserving = () -> {
            try {
                back.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
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
        reserving = () -> { };
        back.countDown();
        assertThat(unbooked).as("every step gave up waiting and ran unbooked").isEqualTo(3);
        // the store hung until now; a step that waited for it would not have come back at all
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowest)).as("no step waited for the hanging store").isLessThan(5_000);

        BudgetScope scope = new BudgetScope("t-*|tokens|day", "t-hang", BudgetWindow.DAY.start(Instant.now()));
        // the late grants are given back, the spend is booked from the journal: exactly what was reported
        await().atMost(Duration.ofSeconds(20)).until(() -> orchestrate().pendingSettlements().waiting() == 0
                && ledger.spent(scope) == llm.reportedTokens());
        Thread.sleep(1500); // any reservation still to come back would show now
        assertThat(ledger.spent(scope)).isEqualTo(llm.reportedTokens());
    }

    @Test
    void theExchangeThreadDoesNotWaitForTheStoreTheStepGoesOnWhenItAnswers() throws Exception {
        orchestrate().setBudgetReserveTimeout(10_000);
        context.start();
        // the store answers each reservation only when the test lets it
        Semaphore answers = new Semaphore(0);
        try {
            Endpoint step = context.getEndpoint("orchestrate:answer?delegate=direct:llm&intent=generate"
                    + "&maxOutputTokens=40&budgetKey=RAW(${header.tenant})");
            AsyncProducer producer = step.createAsyncProducer();
            producer.start();
            template.send(step, e -> {
                e.getMessage().setHeader("tenant", "t-async");
                e.getMessage().setBody("Please confirm the order.");
            }); // the ledger's first call, waited for in full
            reserving = answers::acquireUninterruptibly;

            Exchange exchange = step.createExchange();
            exchange.getMessage().setHeader("tenant", "t-async");
            exchange.getMessage().setBody("Please confirm the order.");
            CountDownLatch done = new CountDownLatch(1);
            boolean sync = producer.process(exchange, doneSync -> done.countDown());

            assertThat(sync).as("the step returned its thread while the store had not answered").isFalse();
            assertThat(done.getCount()).isEqualTo(1);
            assertThat(modelThreads()).as("the delegate waits for the reservation").hasSize(1);
            answers.release();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("Noted.");
            assertThat(exchange.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON)).isNull();
            assertThat(modelThreads()).hasSize(2);
            assertThat(modelThreads().get(1)).as("went on on Camel's threads, not the store's").contains("OrchestrateBudgetContinue");
            BudgetScope scope = new BudgetScope("t-*|tokens|day", "t-async", BudgetWindow.DAY.start(Instant.now()));
            reserving = () -> { };
            await().atMost(Duration.ofSeconds(10)).until(() -> ledger.spent(scope) == 60);
            producer.stop();
        } finally {
            reserving = () -> { };
            answers.release(100);
        }
    }

    /** The threads the model was called on, oldest first. */
    List<String> modelThreads() {
        return llm.received().stream().map(FakeLlm.Call::thread).toList();
    }
}
