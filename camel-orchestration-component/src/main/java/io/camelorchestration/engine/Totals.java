package io.camelorchestration.engine;

import java.util.function.Consumer;

import io.camelorchestration.settle.UsageTotals;

/** Adds every ended step to running totals: one step's, one component's, or each message's own workflow totals. */
public final class Totals implements Consumer<StepEvent> {

    private final UsageTotals totals;

    private Totals(UsageTotals totals) {
        this.totals = totals;
    }

    /** Into these totals. */
    public static Totals into(UsageTotals totals) {
        return new Totals(totals);
    }

    /** Into the totals of the workflow execution each step ran in. */
    public static Totals ofEachWorkflow() {
        return new Totals(null);
    }

    @Override
    public void accept(StepEvent event) {
        if (event instanceof StepEvent.Ended ended) {
            UsageTotals t = totals != null ? totals
                    : ended.context().workflow() == null ? null : ended.context().workflow().totals();
            if (t != null) {
                t.add(ended.record());
            }
        }
    }
}
