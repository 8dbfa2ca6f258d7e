package io.camelorchestration.starter;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.audit.AuditSink;
import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.InMemoryBudgetLedger;
import io.camelorchestration.budget.Reservation;
import io.camelorchestration.component.OrchestrateComponent;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees in the orchestrate dev console and health check of a starter application. */
class ConsoleAndHealthTest {

    private static final String TICKET = "Refund request for invoice INV-88: the customer was billed 49.90 EUR for a plan "
            + "they cancelled on 2 May. Please confirm the refund.";

    @Test
    @SuppressWarnings("unchecked")
    void devConsoleShowsFlagsTotalsAndOneRowPerStep() throws Exception {
        try (StarterApp app = new StarterApp()) {
            app.template().requestBody("direct:ticket", TICKET);
            app.template().requestBody("direct:ticket", TICKET);
            OrchestrateComponent component = app.context().getComponent("orchestrate", OrchestrateComponent.class);

            DevConsole console = DevConsoleRegistry.get(app.context()).resolveById("orchestrate");
            assertThat(console).isNotNull();

            Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
            assertThat((Map<String, Object>) json.get("flags")).containsEntry("enabled", true)
                    .containsEntry("compressionEnabled", true).containsEntry("routingEnabled", true);
            assertThat((Map<String, Object>) json.get("totals"))
                    .containsEntry("totalTokensUsed", component.getTotalTokensUsed())
                    .containsEntry("stepsOrchestrated", 2L);
            List<Map<String, Object>> steps = (List<Map<String, Object>>) json.get("steps");
            assertThat(steps).singleElement().satisfies(row -> {
                assertThat(row).containsEntry("step", "summarize").containsEntry("intent", "summarize")
                        .containsEntry("orchestrated", 2L).containsEntry("tokensUsed", component.getTotalTokensUsed());
            });

            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertThat(text).contains("Enabled: true", "Tokens used: " + component.getTotalTokensUsed())
                    .containsPattern("(?m)^summarize\\s+summarize\\s+" + component.getTotalTokensUsed() + "\\s");

            // the same console over camel-main's management HTTP server
            HttpResponse<String> http = app.get("/q/dev/orchestrate");
            assertThat(http.statusCode()).isEqualTo(200);
            assertThat(http.body()).contains("Tokens used: " + component.getTotalTokensUsed());
            HttpResponse<String> httpJson = app.get("/q/dev/orchestrate", "application/json");
            assertThat(httpJson.statusCode()).isEqualTo(200);
            assertThat(httpJson.body()).contains("\"totalTokensUsed\":" + component.getTotalTokensUsed(), "\"step\":\"summarize\"");
        }
    }

    @Test
    void healthCheckIsDownWhileAnAuditSinkIsNotDelivering() throws Exception {
        SwitchableAuditSink auditStore = new SwitchableAuditSink();
        try (StarterApp app = new StarterApp(Map.of("auditStore", auditStore))) {
            app.template().requestBody("direct:ticket", TICKET);
            OrchestrateComponent component = app.context().getComponent("orchestrate", OrchestrateComponent.class);
            waitFor(() -> auditStore.received.get() > 0);

            HealthCheck.Result up = orchestrateReadiness(app);
            assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(up.getDetails()).containsEntry("budget.store.reachable", true).containsEntry("audit.active", true);

            // the audit store breaks: exchanges still complete, and the check says a sink is not delivering
            auditStore.reachable = false;
            long failuresBefore = component.getAuditFailures();
            for (int i = 0; i < 3; i++) {
                assertThat(app.template().requestBody("direct:ticket", TICKET, String.class)).isNotBlank();
            }
            waitFor(() -> component.getAuditFailures() > failuresBefore);
            HealthCheck.Result down = orchestrateReadiness(app);
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("Audit sink not delivering"));

            // camel-main's health endpoint over HTTP says so too
            HttpResponse<String> http = app.get("/observe/health");
            assertThat(http.statusCode()).isEqualTo(503);
            assertThat(http.body()).contains("orchestrate", "DOWN");

            // the store is back: its next delivery brings the check up again
            auditStore.reachable = true;
            long receivedBefore = auditStore.received.get();
            app.template().requestBody("direct:ticket", TICKET);
            waitFor(() -> auditStore.received.get() > receivedBefore);
            assertThat(orchestrateReadiness(app).getState()).isEqualTo(HealthCheck.State.UP);
        }
    }

    /**
     * The tokenizers of the catalog's models are loaded while the application starts, not by the first exchange
     * that counts tokens; the health check says when they are ready.
     */
    @Test
    void tokenizersAreLoadedAtStartUp() throws Exception {
        try (StarterApp app = new StarterApp()) {
            waitFor(() -> Boolean.TRUE.equals(orchestrateReadiness(app).getDetails().get("tokenizers.ready")));

            assertThat(app.template().requestBody("direct:ticket", TICKET, String.class)).isNotBlank();
        }
    }

    /** An audit store whose connection can be cut. */
    static final class SwitchableAuditSink implements AuditSink {
        final AtomicLong received = new AtomicLong();
        volatile boolean reachable = true;

        @Override
        public void publish(AuditEvent event) {
            if (!reachable) {
                throw new IllegalStateException("audit store down");
            }
            received.incrementAndGet();
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 10 s").isTrue();
    }

    @Test
    void healthCheckIsDownWhileTheBudgetStoreIsUnreachable() throws Exception {
        SwitchableLedger ledger = new SwitchableLedger();
        try (StarterApp app = new StarterApp(Map.of("budgetStore", ledger))) {
            app.template().requestBody("direct:ticket", TICKET);
            assertThat(orchestrateReadiness(app).getState()).isEqualTo(HealthCheck.State.UP);

            ledger.reachable = false;
            HealthCheck.Result down = orchestrateReadiness(app);
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getDetails()).containsEntry("budget.store.reachable", false);
            assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("Budget store unreachable"));

            ledger.reachable = true;
            assertThat(orchestrateReadiness(app).getState()).isEqualTo(HealthCheck.State.UP);
        }
    }

    /** A budget store whose connection can be cut: the memory ledger behind a switch. */
    static final class SwitchableLedger implements BudgetLedger {
        private final InMemoryBudgetLedger store = new InMemoryBudgetLedger();
        volatile boolean reachable = true;

        private void check() {
            if (!reachable) {
                throw new IllegalStateException("connection refused");
            }
        }

        @Override
        public Reservation reserve(BudgetScope scope, long amount, long limit) {
            check();
            return store.reserve(scope, amount, limit);
        }

        @Override
        public void commit(Reservation reservation, long actualAmount) {
            check();
            store.commit(reservation, actualAmount);
        }

        @Override
        public void release(Reservation reservation) {
            check();
            store.release(reservation);
        }

        @Override
        public long spent(BudgetScope scope) {
            check();
            return store.spent(scope);
        }
    }

    private static HealthCheck.Result orchestrateReadiness(StarterApp app) {
        return HealthCheckHelper.invokeReadiness(app.context(), "full").stream().filter(r -> r.getCheck().getId().equals("orchestrate"))
                .findFirst().orElseThrow(() -> new AssertionError("no orchestrate health check registered"));
    }
}
