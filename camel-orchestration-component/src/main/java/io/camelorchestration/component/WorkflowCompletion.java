package io.camelorchestration.component;

import io.camelorchestration.engine.Orchestrator;
import io.camelorchestration.settle.WorkflowExecution;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Ends a workflow execution when its exchange completes: the engine publishes it, for the budget utilization meter
 * and the completion event of the audit trail.
 */
final class WorkflowCompletion extends SynchronizationAdapter {

    private final WorkflowExecution workflow;
    private final Orchestrator orchestrator;
    private final String routeId;
    private final String userId;

    WorkflowCompletion(WorkflowExecution workflow, Orchestrator orchestrator, String routeId, String userId) {
        this.workflow = workflow;
        this.orchestrator = orchestrator;
        this.routeId = routeId;
        this.userId = userId;
    }

    @Override
    public void onDone(Exchange exchange) {
        try {
            orchestrator.completeWorkflow(workflow, routeId, userId, exchange.isFailed());
        } catch (RuntimeException e) {
            // completion bookkeeping must never fail an exchange that is already done
        }
    }
}
