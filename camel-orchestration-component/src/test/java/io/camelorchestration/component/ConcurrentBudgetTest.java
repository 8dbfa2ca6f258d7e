package io.camelorchestration.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.BudgetRule;
import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 8 threads draw on one hard tenant budget at once: the spend never passes the limit, every accepted step is booked
 * exactly once, and nothing stays reserved afterwards.
 */
class ConcurrentBudgetTest extends OrchestrateTestSupport {

    static final long LIMIT = 20_000;

    {
        // no usage report: the tokenizer counts exactly what was sent and a reply within the output cap
        llm.answers(call -> "Thanks for writing, we will look into " + call.headers().get("n") + ".");
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setDefaultModel("gpt-4o-mini");
        orchestrate.setBudgets("acme=" + LIMIT + " tokens/month hard");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:step").to("orchestrate:reply?intent=generate&maxOutputTokens=40"
                        + "&budgetKey=${header.tenant}&onBudgetExceeded=fail&delegate=direct:llm");
            }
        };
    }

    @Test
    void spendNeverPassesAHardLimitUnderConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong booked = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    int n = thread * 1000 + i;
                    Exchange out = template.request("direct:step", e -> {
                        e.getMessage().setHeader("tenant", "acme");
                        e.getMessage().setHeader("n", n);
                        e.getMessage().setBody("Customer " + n + " asks about the delayed order " + n + ".");
                    });
                    if (out.getException() == null) {
                        accepted.incrementAndGet();
                        booked.addAndGet(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class));
                    } else {
                        assertThat(out.getException()).isInstanceOf(BudgetExceededException.class);
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        OrchestrateComponent c = context.getComponent("orchestrate", OrchestrateComponent.class);
        BudgetRule rule = io.camelorchestration.budget.BudgetRules.parse("acme=" + LIMIT + " tokens/month hard").rules().get(0);
        BudgetScope scope = new BudgetScope(rule.id(), "acme", rule.window().start(Instant.now()));
        long spent = c.runtime().budgets().ledger().spent(scope);

        assertThat(accepted.get()).isPositive();
        assertThat(refused.get()).isPositive();
        assertThat(accepted.get() + refused.get()).isEqualTo(1600);
        assertThat(spent).isEqualTo(booked.get()).isLessThanOrEqualTo(LIMIT);
        assertThat(c.getTotalTokensUsed()).isEqualTo(booked.get());
    }
}
