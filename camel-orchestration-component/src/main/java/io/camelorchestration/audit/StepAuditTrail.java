package io.camelorchestration.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.engine.Settlement;
import io.camelorchestration.engine.StepContext;
import io.camelorchestration.engine.StepEvent;

/**
 * The audit trail's view of step events: one {@link AuditEvent} per event, with figures and names only, never
 * prompt or answer text. Subscribe it to an orchestrator's events; {@code publish} is where the events go (a queue
 * in front of the sinks), and must not throw.
 */
public final class StepAuditTrail implements Consumer<StepEvent> {

    private static final String STEP = "workflow_step";
    private static final String WORKFLOW = "workflow";

    private final Consumer<AuditEvent> publish;
    private final Clock clock;

    public StepAuditTrail(Consumer<AuditEvent> publish, Clock clock) {
        this.publish = publish;
        this.clock = clock;
    }

    @Override
    public void accept(StepEvent event) {
        StepContext c = event.context();
        if (event instanceof StepEvent.Settled e) {
            settled(c, e.settlement());
        } else if (event instanceof StepEvent.Served e) {
            served(c, e);
        } else if (event instanceof StepEvent.FellBack e) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("reason", e.reason());
            d.put("fallback", "original path");
            pending(d, e.pending());
            step(AuditAction.ORCHESTRATION_STEP_FAILED, c, "warning", d);
        } else if (event instanceof StepEvent.Failed e) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("intent", e.intent().id());
            d.put("error", e.error() == null ? null : e.error().getClass().getName());
            d.put("fallback", "none: the delegate itself failed");
            step(AuditAction.ORCHESTRATION_STEP_FAILED, c, "error", d);
        } else if (event instanceof StepEvent.Refused e) {
            BudgetExceededException x = e.error();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("budget", x.getBudget());
            d.put("limit", x.getLimit());
            d.put("alreadyUsed", x.getAlreadyUsed());
            d.put("requested", x.getRequested());
            d.put("policy", "fail");
            step(AuditAction.ORCHESTRATION_BUDGET_EXCEEDED, c, "error", d);
        } else if (event instanceof StepEvent.BudgetExceeded e) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("intent", e.plan().classification().intent().id());
            d.put("budget", e.budget());
            d.put("hard", e.hard());
            d.put("policy", e.policy());
            d.put("tokensEstimated", e.plan().estimatedTokens());
            step(AuditAction.ORCHESTRATION_BUDGET_EXCEEDED, c, "warning", d);
        } else if (event instanceof StepEvent.WorkflowStarted e) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("workflowBudgetTokens", e.workflowBudgetTokens());
            publish(AuditAction.ORCHESTRATION_INITIALIZED, WORKFLOW, c.routeId(), c, "info", d);
        } else if (event instanceof StepEvent.WorkflowCompleted e) {
            publish(AuditAction.ORCHESTRATION_COMPLETED, WORKFLOW, c.routeId(), c, e.failed() ? "warning" : "info",
                    c.workflow().snapshot());
        }
    }

    private void served(StepContext c, StepEvent.Served e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("intent", e.intent().id());
        d.put("confidence", e.confidence());
        d.put("tokensUsed", 0L);
        d.put("tokensBudgeted", e.budgetTokens());
        d.put("cost", 0.0);
        d.put("compressionApplied", e.compressed());
        d.put("tokensSaved", e.tokensSaved());
        d.put("costSaved", e.costSaved().doubleValue());
        d.put("model", e.model() == null ? null : e.model().name());
        d.put("cacheHit", true);
        step(AuditAction.ORCHESTRATION_STEP_EXECUTED, c, "info", d);
    }

    private void settled(StepContext c, Settlement s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("intent", s.classification().intent().id());
        d.put("confidence", s.classification().confidence());
        d.put("tokensUsed", s.tokensUsed());
        d.put("tokensBudgeted", s.budgetTokens());
        d.put("cost", s.cost().doubleValue());
        d.put("compressionApplied", s.compressionApplied());
        if (s.compressionSkipped() != null) {
            d.put("compressionSkipped", s.compressionSkipped());
        }
        d.put("tokensSaved", s.tokensSaved());
        d.put("model", s.model() == null ? null : s.model().name());
        d.put("routed", s.routed());
        if (s.cacheable()) {
            d.put("cacheHit", false);
        }
        pending(d, s.pending());
        if (s.rerun()) {
            d.put("fallback", "original model");
            d.put("reason", s.rerunReason());
            step(AuditAction.ORCHESTRATION_STEP_FAILED, c, "warning", d);
        } else {
            step(AuditAction.ORCHESTRATION_STEP_EXECUTED, c, "info", d);
        }
    }

    private static void pending(Map<String, Object> d, CumulativeBudgets.PendingSettlement pending) {
        if (pending != null) {
            d.put("booked", false);
            d.put("pendingSettlement", pending.kept() ? pending.id() : "not-kept");
        }
    }

    private void step(AuditAction action, StepContext c, String severity, Map<String, Object> details) {
        publish(action, STEP, c.stepId(), c, severity, details);
    }

    private void publish(AuditAction action, String entityType, String entityId, StepContext c, String severity,
            Map<String, Object> details) {
        publish.accept(new AuditEvent(clock.instant(), action, entityType, entityId, c.exchangeId(), c.routeId(),
                c.userId(), severity, details));
    }
}
