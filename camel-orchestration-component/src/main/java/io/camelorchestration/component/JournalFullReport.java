package io.camelorchestration.component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.budget.PendingSettlements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full pending-settlement journal is reported, once per time it fills: a WARN log and an audit event (the meter
 * counts every refused step, the health check reads the journal's state).
 */
final class JournalFullReport implements PendingSettlements.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(JournalFullReport.class);

    private final AuditPublisher audit;
    private final PendingSettlements pending;

    JournalFullReport(AuditPublisher audit, PendingSettlements pending) {
        this.audit = audit;
        this.pending = pending;
    }

    @Override
    public void full(PendingSettlements p) {
        LOG.warn("Pending-settlement journal {} is full ({} bytes): steps that run without a budget reservation now go"
                + " unbooked until the budget store takes what waits", p.journal().file(), p.journal().maxBytes());
        if (audit.active()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("journal", p.journal().file().getFileName().toString());
            d.put("maxBytes", p.journal().maxBytes());
            d.put("waiting", p.waiting());
            audit.publish(new AuditEvent(Instant.now(), AuditAction.ORCHESTRATION_BUDGET_JOURNAL_FULL, "budget_journal",
                    p.journal().file().getFileName().toString(), null, null, null, "error", d));
        }
    }

    @Override
    public void accepting(PendingSettlements p) {
        LOG.info("Pending-settlement journal {} has room again ({} entries wait)", p.journal().file(), p.waiting());
    }
}
