package io.camelorchestration.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.camelorchestration.budget.BudgetStorePolicy;
import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import io.camelorchestration.component.testing.FakeLlm;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One instance of {@link CrashAndOutageTest}: every combination of {@code on-budget-store-unavailable} and
 * {@code onBudgetExceeded} side by side, one route and one budget key each, on the JDBC ledger. Two components, one
 * per store policy (a component option), each with its own journal directory, and a model for each route.
 */
// Not on OrchestrateTestSupport: the same instance runs in a child JVM (CrashAndOutageMain) and is restarted.
final class CrashAndOutageInstance {

    static final List<BudgetStorePolicy> STORE_POLICIES = List.of(BudgetStorePolicy.OPEN, BudgetStorePolicy.CLOSED);
    static final List<String> ON_EXCEEDED = List.of("degrade", "fallback", "fail");
    static final long CAP = 1_000_000_000L;
    static final String BODY = "Please confirm the order.";
    static final int MAX_OUTPUT_TOKENS = 50;

    /** What a delegate reported, by budget key: called before the step settles. */
    @FunctionalInterface
    interface Reported {
        void spent(String key, long tokens);
    }

    private CrashAndOutageInstance() {
    }

    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (BudgetStorePolicy p : STORE_POLICIES) {
            for (String x : ON_EXCEEDED) {
                keys.add("m-" + p.id() + "-" + x);
            }
        }
        return keys;
    }

    /** The context, not started; named so that a restarted instance finds the journals of the one before it. */
    static CamelContext create(String name, DataSource ds, Duration ttl, Path journals, Reported reported) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName(name);
        for (BudgetStorePolicy policy : STORE_POLICIES) {
            OrchestrateComponent orchestrate = new OrchestrateComponent();
            orchestrate.setEnabled(true);
            orchestrate.setBudgets("m-" + policy.id() + "-*=" + CAP + " tokens/day hard");
            orchestrate.setOnBudgetStoreUnavailable(policy);
            orchestrate.setBudgetLedger(new JdbcBudgetLedger(ds, ttl, Duration.ofSeconds(1), Duration.ofSeconds(2)));
            orchestrate.setJournalDirectory(journals.resolve(policy.id()).toString());
            ctx.addComponent("orchestrate-" + policy.id(), orchestrate);
        }
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (BudgetStorePolicy policy : STORE_POLICIES) {
                    for (String x : ON_EXCEEDED) {
                        String key = "m-" + policy.id() + "-" + x;
                        from("direct:" + key).to("orchestrate-" + policy.id() + ":" + key + "?delegate=direct:llm-" + key
                                + "&intent=generate&maxOutputTokens=" + MAX_OUTPUT_TOKENS + "&budgetKey=" + key + "&onBudgetExceeded=" + x);
                    }
                }
            }
        });
        for (String key : keys()) {
            // within what was reserved, as a model that honours the output cap: the input the tokenizer counts, and
            // up to the cap
            ctx.addRoutes(new FakeLlm("direct:llm-" + key).answers("Thanks, noted.").usage(call -> {
                FakeLlm.Usage used = new FakeLlm.Usage(5, ThreadLocalRandom.current().nextInt(1, MAX_OUTPUT_TOKENS + 1));
                reported.spent(key, used.total());
                return used;
            }));
        }
        return ctx;
    }
}
