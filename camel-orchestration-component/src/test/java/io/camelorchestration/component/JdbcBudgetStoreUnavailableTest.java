package io.camelorchestration.component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.BudgetStorePolicy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget database is down (nothing listens on its port). A hard budget fails closed by default: the step is
 * over budget and its onBudgetExceeded decides. Configured open, or with a soft budget, the step goes on.
 */
class JdbcBudgetStoreUnavailableTest {

    private CamelContext context;
    /** The steps' unbooked spend waits here: never booked, the store never comes back. */
    @TempDir
    Path journals;
    private final List<String> delegateBodies = new ArrayList<>();

    private void start(String budgets, String onExceeded, Consumer<OrchestrateComponent> options) throws Exception {
        context = new DefaultCamelContext();
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setLedger(LedgerType.JDBC);
        orchestrate.setDataSource(JdbcTestDatabase.unreachable());
        orchestrate.setBudgets(budgets);
        orchestrate.setJournalDirectory(journals.toString());
        options.accept(orchestrate);
        context.addComponent("orchestrate", orchestrate);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask")
                        .to("orchestrate:answer?delegate=direct:llm&intent=generate&budgetKey=RAW(${header.tenant})"
                            + "&onBudgetExceeded=" + onExceeded);
                from("direct:llm").routeId("llm").process(e -> {
                    synchronized (delegateBodies) {
                        delegateBodies.add(e.getMessage().getBody(String.class));
                    }
                    e.getMessage().setBody("Dear customer, thank you.");
                });
            }
        });
        context.start();
    }

    private Exchange ask() {
        return context.createProducerTemplate().send("direct:ask", e -> {
            e.getMessage().setHeader("tenant", "acme-eu");
            e.getMessage().setBody("Write a short, polite reply to the customer.");
        });
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void aHardBudgetFailsClosedByDefaultAndAFailPolicyRefusesTheStep() throws Exception {
        start("acme-*=100000 tokens/day hard", "fail", c -> { });

        Exchange out = ask();

        assertThat(out.getException()).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("budget store unreachable");
        assertThat(delegateBodies).as("no model call while the budget cannot be checked").isEmpty();
    }

    @Test
    void aHardBudgetFailingClosedWithFallbackCallsTheDelegateUnoptimised() throws Exception {
        start("acme-*=100000 tokens/day hard", "fallback", c -> { });

        Exchange out = ask();

        assertThat(out.getException()).isNull();
        assertThat(delegateBodies).containsExactly("Write a short, polite reply to the customer.");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .contains("budget store unreachable");
    }

    @Test
    void aHardBudgetFailingClosedWithDegradeRunsTheDegradedStep() throws Exception {
        start("acme-*=100000 tokens/day hard", "degrade", c -> { });

        Exchange out = ask();

        assertThat(out.getException()).isNull();
        assertThat(delegateBodies).hasSize(1);
        assertThat(out.getMessage().getBody(String.class)).isEqualTo("Dear customer, thank you.");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.MAX_OUTPUT_TOKENS, Integer.class))
                .as("half the generate intent's output cap").isEqualTo(512);
    }

    @Test
    void aHardBudgetConfiguredOpenLetsTheStepGoDownTheOriginalPath() throws Exception {
        start("acme-*=100000 tokens/day hard", "fail", c -> c.setOnBudgetStoreUnavailable(BudgetStorePolicy.OPEN));

        Exchange out = ask();

        assertThat(out.getException()).isNull();
        assertThat(delegateBodies).containsExactly("Write a short, polite reply to the customer.");
        assertThat(out.getMessage().getBody(String.class)).isEqualTo("Dear customer, thank you.");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .contains("budget store unreachable");
    }

    @Test
    void aSoftBudgetNeverStopsTheStep() throws Exception {
        start("acme-*=100000 tokens/day soft", "fail", c -> { });

        Exchange out = ask();

        assertThat(out.getException()).isNull();
        assertThat(delegateBodies).hasSize(1);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .contains("budget store unreachable");
    }

    @Test
    void configuredByPropertiesAloneUnderCamelMain() throws Exception {
        Main main = new Main();
        main.bind("budgetDb", JdbcTestDatabase.unreachable());
        main.addInitialProperty("camel.component.orchestrate.enabled", "true");
        main.addInitialProperty("camel.component.orchestrate.ledger", "jdbc");
        main.addInitialProperty("camel.component.orchestrate.budgets", "acme-*=100000 tokens/day hard");
        main.addInitialProperty("camel.component.orchestrate.on-budget-store-unavailable", "open");
        main.addInitialProperty("camel.component.orchestrate.journal-directory", journals.toString());
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("orchestrate:answer?delegate=direct:llm&intent=generate&budgetKey=RAW(${header.tenant})"
                                      + "&onBudgetExceeded=fail");
                from("direct:llm").setBody(constant("Dear customer, thank you."));
            }
        });
        main.start();
        try {
            context = main.getCamelContext();
            assertThat(context.getComponent("orchestrate", OrchestrateComponent.class).getOnBudgetStoreUnavailable())
                    .isEqualTo(BudgetStorePolicy.OPEN);
            assertThat(context.getComponent("orchestrate", OrchestrateComponent.class).isEnabled()).isTrue();
            Exchange out = ask();
            assertThat(out.getException()).as("open: the step goes on").isNull();
            assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                    .contains("budget store unreachable");
        } finally {
            context = null;
            main.stop();
        }
    }

    @Test
    void anUnknownStorePolicyFailsAtStartUpNamingTheOptionAndTheAllowedValues() throws Exception {
        Main main = new Main();
        main.bind("budgetDb", JdbcTestDatabase.unreachable());
        main.addInitialProperty("camel.component.orchestrate.enabled", "true");
        main.addInitialProperty("camel.component.orchestrate.ledger", "jdbc");
        main.addInitialProperty("camel.component.orchestrate.budgets", "acme-*=100 tokens/day hard");
        main.addInitialProperty("camel.component.orchestrate.on-budget-store-unavailable", "maybe");
        main.addInitialProperty("camel.component.orchestrate.journal-directory", journals.toString());
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("orchestrate:answer?delegate=direct:llm&intent=generate&onBudgetExceeded=fail");
                from("direct:llm").setBody(constant("ok"));
            }
        });
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(main::start)
                    .hasStackTraceContaining("option 'camel.component.orchestrate.on-budget-store-unavailable'")
                    .hasStackTraceContaining("'maybe'")
                    .hasStackTraceContaining("allowed values: closed, open");
        } finally {
            main.stop();
        }
    }
}
