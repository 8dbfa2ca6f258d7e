package io.camelorchestration.engine;

import io.camelorchestration.settle.WorkflowExecution;

/**
 * Where a step runs: what every event of it names, so that totals, meters and the audit trail can tell steps apart.
 *
 * @param stepId     the step, or null for an event of the workflow as a whole
 * @param routeId    the route (in Camel) or flow the step belongs to
 * @param exchangeId the message: one workflow execution
 * @param userId     who the message is for, or null
 * @param workflow   the workflow execution, or null when the step failed before it was known
 */
public record StepContext(String stepId, String routeId, String exchangeId, String userId, WorkflowExecution workflow) {

    public StepContext withWorkflow(WorkflowExecution wf) {
        return new StepContext(stepId, routeId, exchangeId, userId, wf);
    }
}
