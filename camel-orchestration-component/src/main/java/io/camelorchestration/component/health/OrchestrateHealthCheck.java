package io.camelorchestration.component.health;

import java.time.Instant;
import java.util.Map;

import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.PendingSettlements;
import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import io.camelorchestration.component.OrchestrateComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of the orchestration services: the budget store answers a read, and every audit sink's latest delivery
 * succeeded (down from a failed delivery until that sink delivers again). Not a liveness check: restarting the JVM mends
 * neither a database nor an audit sink, and exchanges keep flowing meanwhile (see docs/operations.md).
 */
@org.apache.camel.spi.annotations.HealthCheck("orchestrate-check")
public class OrchestrateHealthCheck implements HealthCheck, CamelContextAware {

    public static final String ID = "orchestrate";

    private static final BudgetScope PROBE = new BudgetScope("health-check", "health-check", Instant.EPOCH);

    private CamelContext camelContext;
    private volatile boolean enabled = true;

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this).up();
        OrchestrateComponent c = camelContext == null ? null
                : camelContext.getComponent("orchestrate", false) instanceof OrchestrateComponent oc ? oc : null;
        if (c == null) {
            return builder.message("orchestrate: component not in use").build();
        }
        builder.detail("enabled", c.isEnabled());
        builder.detail("tokenizers.ready", c.tokenizersReady());
        checkBudgetStore(c, builder);
        checkPending(c, builder);
        checkAudit(c, builder);
        return builder.build();
    }

    private static void checkBudgetStore(OrchestrateComponent c, HealthCheckResultBuilder builder) {
        BudgetLedger ledger = c.activeBudgetLedger();
        if (ledger == null) {
            builder.detail("budget.store", "not started");
            return;
        }
        builder.detail("budget.store", ledger.getClass().getSimpleName());
        if (ledger instanceof JdbcBudgetLedger jdbc) {
            // settlements kept while the store was down: they are booked when it is back
            builder.detail("budget.settlements.waiting", jdbc.settlementsWaiting());
        }
        try {
            ledger.spent(PROBE);
            builder.detail("budget.store.reachable", true);
        } catch (RuntimeException e) {
            builder.detail("budget.store.reachable", false);
            builder.down().message("Budget store unreachable: " + e.getMessage()).error(e);
        }
    }

    /** A full journal means steps now run unbooked and their spend is lost: DOWN until it has room again. */
    private static void checkPending(OrchestrateComponent c, HealthCheckResultBuilder builder) {
        PendingSettlements p = c.pendingSettlements();
        if (p == null) {
            return;
        }
        builder.detail("budget.pending.waiting", p.waiting());
        builder.detail("budget.pending.journal.full", p.full());
        if (p.full()) {
            builder.down();
            String msg = "Pending-settlement journal full (" + p.journal().maxBytes() + " bytes, " + p.waiting()
                         + " entries): steps that run without a budget reservation are not booked";
            builder.message(builder.message() == null ? msg : builder.message() + "; " + msg);
        }
    }

    private static void checkAudit(OrchestrateComponent c, HealthCheckResultBuilder builder) {
        builder.detail("audit.active", c.auditActive());
        builder.detail("audit.delivered", c.getAuditDelivered());
        builder.detail("audit.failures", c.getAuditFailures());
        if (c.auditLastDeliveryFailed()) {
            builder.down();
            String msg = "Audit sink not delivering: its latest delivery failed (" + c.getAuditFailures()
                         + " audit events failed so far)";
            builder.message(builder.message() == null ? msg : builder.message() + "; " + msg);
        }
    }
}
