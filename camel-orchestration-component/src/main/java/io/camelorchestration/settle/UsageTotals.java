package io.camelorchestration.settle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.camelorchestration.catalog.Usd;

/**
 * Running totals of steps: for one workflow execution, one endpoint, or the whole component. Thread-safe and exact.
 */
public final class UsageTotals {

    private final LongAdder inputTokens = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder tokensSaved = new LongAdder();
    private final LongAdder costNanos = new LongAdder();
    private final LongAdder costSavedNanos = new LongAdder();
    private final LongAdder orchestrated = new LongAdder();
    private final LongAdder fallenBack = new LongAdder();
    private final LongAdder bypassed = new LongAdder();
    private final LongAdder budgetExceeded = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public void add(StepRecord r) {
        inputTokens.add(r.inputTokens());
        outputTokens.add(r.outputTokens());
        tokensSaved.add(r.tokensSaved());
        costNanos.add(r.cost().nanos());
        costSavedNanos.add(r.costSaved().nanos());
        switch (r.outcome()) {
            case ORCHESTRATED -> orchestrated.increment();
            case FALLBACK -> fallenBack.increment();
            case BYPASSED -> bypassed.increment();
            case BUDGET_EXCEEDED -> budgetExceeded.increment();
            case FAILED -> failed.increment();
        }
    }

    public long tokensUsed() {
        return inputTokens.sum() + outputTokens.sum();
    }

    public long inputTokens() {
        return inputTokens.sum();
    }

    public long outputTokens() {
        return outputTokens.sum();
    }

    public long tokensSaved() {
        return tokensSaved.sum();
    }

    public double cost() {
        return new Usd(costNanos.sum()).doubleValue();
    }

    public double costSaved() {
        return new Usd(costSavedNanos.sum()).doubleValue();
    }

    /** Tokens saved over the tokens the steps would have used without orchestration, in percent. */
    public double savingsPercent() {
        long saved = tokensSaved.sum();
        long baseline = tokensUsed() + saved;
        return baseline == 0 ? 0 : 100.0 * saved / baseline;
    }

    /** Steps that ran through the pipeline (budget-exceeded steps that degraded count here too). */
    public long stepsOrchestrated() {
        return orchestrated.sum() + budgetExceeded.sum();
    }

    public long stepsFallenBack() {
        return fallenBack.sum();
    }

    public long stepsBypassed() {
        return bypassed.sum();
    }

    public long stepsBudgetExceeded() {
        return budgetExceeded.sum();
    }

    public long stepsFailed() {
        return failed.sum();
    }

    /** The figures of the {@code CamelOrchestrationMetrics} exchange property and the completion event. */
    public Map<String, Object> snapshot(double budgetUtilization) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalTokensUsed", tokensUsed());
        m.put("totalTokensSaved", tokensSaved());
        m.put("savingsPercent", Math.round(savingsPercent() * 100) / 100.0);
        m.put("totalCost", cost());
        m.put("totalCostSaved", costSaved());
        m.put("budgetUtilization", budgetUtilization);
        m.put("stepsOrchestrated", stepsOrchestrated());
        m.put("stepsFallenBack", stepsFallenBack());
        return m;
    }
}
