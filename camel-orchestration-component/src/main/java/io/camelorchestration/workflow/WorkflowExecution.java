package io.camelorchestration.workflow;

import java.util.Map;

import io.camelorchestration.budget.TokenBudget;

/**
 * One workflow execution (in Camel: one exchange): its totals and its shared token budget.
 */
public final class WorkflowExecution {

    private final String executionId;
    private final UsageTotals totals = new UsageTotals();
    private final TokenBudget budget;

    public WorkflowExecution(String executionId, long budgetTokens) {
        this.executionId = executionId;
        this.budget = new TokenBudget(budgetTokens);
    }

    public String executionId() {
        return executionId;
    }

    public UsageTotals totals() {
        return totals;
    }

    public TokenBudget budget() {
        return budget;
    }

    public Map<String, Object> snapshot() {
        return totals.snapshot(budget.utilization());
    }
}
