package io.camelorchestration.component;

import java.time.Instant;
import java.util.Map;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.settle.WorkflowExecution;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Closes a workflow execution when its exchange completes: the completion event with the totals, and the budget
 * utilization summary.
 */
final class WorkflowCompletion extends SynchronizationAdapter {

    private final WorkflowExecution workflow;
    private final OrchestrationRuntime runtime;
    private final String routeId;
    private final String userId;

    WorkflowCompletion(WorkflowExecution workflow, OrchestrationRuntime runtime, String routeId, String userId) {
        this.workflow = workflow;
        this.runtime = runtime;
        this.routeId = routeId;
        this.userId = userId;
    }

    @Override
    public void onDone(Exchange exchange) {
        try {
            if (workflow.hasAllocation()) {
                runtime.meters().recordUtilization(routeId, workflow.utilization());
            }
            if (!runtime.audit().active()) {
                return; // no audit sink: the totals map would be built for nobody
            }
            Map<String, Object> totals = workflow.snapshot();
            runtime.audit().publish(new AuditEvent(Instant.now(), AuditAction.ORCHESTRATION_COMPLETED, "workflow",
                    routeId, workflow.executionId(), routeId, userId, exchange.isFailed() ? "warning" : "info", totals));
        } catch (RuntimeException e) {
            // completion bookkeeping must never fail an exchange that is already done
        }
    }
}
