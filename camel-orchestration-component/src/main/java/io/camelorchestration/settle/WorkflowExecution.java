package io.camelorchestration.settle;

import java.util.Map;

import io.camelorchestration.budget.TokenBudget;

/**
 * One workflow execution (in Camel: one exchange): its totals and its shared token budget.
 */
public final class WorkflowExecution {

    private final String executionId;
    private final UsageTotals totals = new UsageTotals();
    private final TokenBudget budget;
    private final StepAllocations steps = new StepAllocations();

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

    /**
     * Adds a settled step's budget and the tokens it used to what {@link #utilization()} is measured against when no
     * workflow budget is set (see {@link StepAllocations}): nothing for a step without a budget.
     */
    public void stepSettled(long budgetTokens, long usedTokens) {
        steps.add(budgetTokens, usedTokens);
    }

    /**
     * Tokens used over tokens allocated: over the workflow budget when one is set, else over the sum of the budgets of
     * the steps that ran (see {@link StepAllocations}). Can pass 1 (a degraded step, a re-run on the original model).
     */
    public double utilization() {
        return budget.unlimited() ? steps.utilization() : budget.utilization();
    }

    /** False while nothing is allocated: no workflow budget and no step with a budget has settled yet. */
    public boolean hasAllocation() {
        return !budget.unlimited() || steps.allocated() > 0;
    }

    public Map<String, Object> snapshot() {
        return totals.snapshot(utilization());
    }
}
