package io.camelorchestration.audit;

/**
 * The audit events of the contract.
 */
public enum AuditAction {
    ORCHESTRATION_INITIALIZED,
    ORCHESTRATION_STEP_EXECUTED,
    ORCHESTRATION_STEP_FAILED,
    ORCHESTRATION_BUDGET_EXCEEDED,
    ORCHESTRATION_COMPLETED,
    /** The pending-settlement journal is full: steps that run without a budget reservation go unbooked. */
    ORCHESTRATION_BUDGET_JOURNAL_FULL,
    /** Expired budget holds (their instance died, or their step outlived the TTL) booked at their reserved amount. */
    ORCHESTRATION_BUDGET_SETTLED_ON_EXPIRY
}
