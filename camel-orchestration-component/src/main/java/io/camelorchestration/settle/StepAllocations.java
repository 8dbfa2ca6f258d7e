package io.camelorchestration.settle;

import java.util.concurrent.atomic.LongAdder;

/**
 * The step budgets of one workflow execution: what {@code budgetUtilization} is measured against when no workflow
 * budget is set. Every step that settles adds its own budget (its {@code budgetTokens}, else its intent's default)
 * and the tokens it used. A step without a budget ({@code budgetTokens=0}, a {@code send} step) adds nothing to
 * either side: nothing was allocated that it could use up, and counting its tokens on both sides would pull the
 * ratio towards 1 for no reason. Thread-safe (parallel steps of one exchange).
 */
final class StepAllocations {

    private final LongAdder allocated = new LongAdder();
    private final LongAdder used = new LongAdder();

    void add(long budgetTokens, long usedTokens) {
        if (budgetTokens <= 0) {
            return;
        }
        allocated.add(budgetTokens);
        used.add(usedTokens);
    }

    long allocated() {
        return allocated.sum();
    }

    long used() {
        return used.sum();
    }

    /** Used over allocated; 0 when no step with a budget has settled. */
    double utilization() {
        long a = allocated.sum();
        return a == 0 ? 0 : (double) used.sum() / a;
    }
}
