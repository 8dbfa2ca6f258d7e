package io.camelorchestration.starter;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import io.camelorchestration.component.OrchestrateComponent;
import org.apache.camel.Exchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The model catalog, the budgets and the ledger come from properties alone. */
class CatalogAndBudgetsFromPropertiesTest {

    private static final String TICKET = "The parcel with order 5512 never arrived. Tracking says delivered on Friday "
            + "but nobody was home and there is no note. Please resend it or refund the order.";

    @Test
    void ownCatalogPricesTheStepsAndRoutingPicksFromIt() throws Exception {
        try (StarterApp app = new StarterApp(Map.of(), Map.of(
                "camel.component.orchestrate.models", "classpath:catalog/house-models.json",
                "camel.component.orchestrate.default-model", "house-large"))) {
            Exchange out = app.template().request("direct:ticket", e -> e.getMessage().setBody(TICKET));
            assertThat(out.getException()).isNull();
            // summarize is a small-tier intent: the cheapest small model of this catalog
            assertThat(out.getMessage().getHeader("CamelOrchestrationModel")).isEqualTo("house-small");

            long in = out.getMessage().getHeader("CamelOrchestrationUsageInputTokens", Long.class);
            long outTokens = out.getMessage().getHeader("CamelOrchestrationUsageOutputTokens", Long.class);
            OrchestrateComponent component = app.context().getComponent("orchestrate", OrchestrateComponent.class);
            assertThat(component.getTotalCost()).isCloseTo((in * 1.00 + outTokens * 2.00) / 1_000_000, within(1e-12));
            // saved against the catalog's default model at its prices
            assertThat(component.getTotalCostSaved())
                    .isCloseTo((in * 10.00 + outTokens * 30.00 - in * 1.00 - outTokens * 2.00) / 1_000_000, within(1e-12));
        }
    }

    @Test
    void ledgerJdbcUsesTheBoundDataSource() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (StarterApp app = new StarterApp(Map.of("budgetDb", db), Map.of("camel.component.orchestrate.ledger", "jdbc"))) {
            Exchange out = app.template().request("direct:ticket", e -> e.getMessage().setBody(TICKET));
            assertThat(out.getException()).isNull();
            long used = out.getMessage().getHeader("CamelOrchestrationTokensUsed", Long.class);
            // settlements are written behind the step; flush is what stopping the route would do
            app.context().getComponent("orchestrate", OrchestrateComponent.class).activeBudgetLedger().flush();

            // the step's budget key drew on the '*' rule of application.properties, booked in the database
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT budget_key, committed, reserved FROM orchestration_budget")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("budget_key")).isEqualTo("support-desk");
                assertThat(rs.getLong("committed")).isEqualTo(used);
                assertThat(rs.getLong("reserved")).isZero();
                assertThat(rs.next()).isFalse();
            }
            assertThat(app.context().getComponent("orchestrate", OrchestrateComponent.class).activeBudgetLedger())
                    .isInstanceOf(JdbcBudgetLedger.class);
        }
    }

    @Test
    void aHardBudgetFromPropertiesStopsTheStepBeforeTheDelegate() throws Exception {
        try (StarterApp app = new StarterApp(Map.of(), Map.of(
                "camel.component.orchestrate.budgets", "support-*=1 tokens/day hard",
                "camel.component.orchestrate.configuration.on-budget-exceeded", "fail"))) {
            Exchange out = app.template().request("direct:ticket", e -> e.getMessage().setBody(TICKET));
            assertThat(out.getException()).isInstanceOf(BudgetExceededException.class);
            assertThat(out.getMessage().getHeader("CamelOrchestrationUsageInputTokens"))
                    .as("the delegate was not called").isNull();
            assertThat(out.getMessage().getBody(String.class)).isEqualTo(TICKET);
        }
    }
}
