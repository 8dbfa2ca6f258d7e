package io.camelorchestration.component;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.BudgetStorePolicy;
import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget database is down (nothing listens on its port). A hard budget fails closed by default: the step is
 * over budget and its onBudgetExceeded decides. Configured open, or with a soft budget, the step goes on.
 */
class JdbcBudgetStoreUnavailableTest extends OrchestrateTestSupport {

    /** The steps' unbooked spend waits here: never booked, the store never comes back. */
    @TempDir
    Path journals;

    {
        llm.routeId("llm").answers("Dear customer, thank you.");
    }

    /** Each test starts the context with its own budgets and policies. */
    @Override
    public void configureTest(TestExecutionConfiguration test) {
        super.configureTest(test);
        test.withAutoStartContext(false);
    }

    private void start(String budgets, String onExceeded, Consumer<OrchestrateComponent> options) throws Exception {
        OrchestrateComponent orchestrate = orchestrate();
        orchestrate.setLedger(LedgerType.JDBC);
        orchestrate.setDataSource(JdbcTestDatabase.unreachable());
        orchestrate.setBudgets(budgets);
        orchestrate.setJournalDirectory(journals.toString());
        options.accept(orchestrate);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask")
                        .to("orchestrate:answer?delegate=direct:llm&intent=generate&budgetKey=RAW(${header.tenant})"
                            + "&onBudgetExceeded=" + onExceeded);
            }
        });
        context.start();
    }

    private Exchange ask() {
        return ask(template);
    }

    private static Exchange ask(ProducerTemplate template) {
        return template.send("direct:ask", e -> {
            e.getMessage().setHeader("tenant", "acme-eu");
            e.getMessage().setBody("Write a short, polite reply to the customer.");
        });
    }

    /** The bodies the model was sent, oldest first. */
    private List<String> delegateBodies() {
        return llm.received().stream().map(FakeLlm.Call::text).toList();
    }

    @Test
    void aHardBudgetFailsClosedByDefaultAndAFailPolicyRefusesTheStep() throws Exception {
        start("acme-*=100000 tokens/day hard", "fail", c -> { });

        Exchange out = ask();

        assertThat(out.getException()).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("budget store unreachable");
        assertThat(delegateBodies()).as("no model call while the budget cannot be checked").isEmpty();
    }

    @Test
    void aHardBudgetFailingClosedWithFallbackCallsTheDelegateUnoptimised() throws Exception {
        start("acme-*=100000 tokens/day hard", "fallback", c -> { });

        Exchange out = ask();

        assertThat(out.getException()).isNull();
        assertThat(delegateBodies()).containsExactly("Write a short, polite reply to the customer.");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .contains("budget store unreachable");
    }

    @Test
    void aHardBudgetFailingClosedWithDegradeRunsTheDegradedStep() throws Exception {
        start("acme-*=100000 tokens/day hard", "degrade", c -> { });

        Exchange out = ask();

        assertThat(out.getException()).isNull();
        assertThat(delegateBodies()).hasSize(1);
        assertThat(out.getMessage().getBody(String.class)).isEqualTo("Dear customer, thank you.");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.MAX_OUTPUT_TOKENS, Integer.class))
                .as("half the generate intent's output cap").isEqualTo(512);
    }

    @Test
    void aHardBudgetConfiguredOpenLetsTheStepGoDownTheOriginalPath() throws Exception {
        start("acme-*=100000 tokens/day hard", "fail", c -> c.setOnBudgetStoreUnavailable(BudgetStorePolicy.OPEN));

        Exchange out = ask();

        assertThat(out.getException()).isNull();
        assertThat(delegateBodies()).containsExactly("Write a short, polite reply to the customer.");
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
        assertThat(delegateBodies()).hasSize(1);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .contains("budget store unreachable");
    }

    /** camel-main's own start-up, beside the test's context: it has a model of its own. */
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
            }
        });
        main.configure().addRoutesBuilder(new FakeLlm().answers("Dear customer, thank you."));
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            assertThat(context.getComponent("orchestrate", OrchestrateComponent.class).getOnBudgetStoreUnavailable())
                    .isEqualTo(BudgetStorePolicy.OPEN);
            assertThat(context.getComponent("orchestrate", OrchestrateComponent.class).isEnabled()).isTrue();
            Exchange out = ask(context.createProducerTemplate());
            assertThat(out.getException()).as("open: the step goes on").isNull();
            assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                    .contains("budget store unreachable");
        } finally {
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
