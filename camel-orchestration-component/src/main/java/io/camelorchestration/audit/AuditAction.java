package io.camelorchestration.audit;

/**
 * The audit events of the contract.
 */
public enum AuditAction {
    ORCHESTRATION_INITIALIZED,
    ORCHESTRATION_STEP_EXECUTED,
    ORCHESTRATION_STEP_FAILED,
    ORCHESTRATION_BUDGET_EXCEEDED,
    ORCHESTRATION_COMPLETED
}
