package io.camelorchestration.engine;

import io.camelorchestration.budget.BudgetStoreException;

/**
 * What a step's reason says when the pipeline's own logic failed. The reason travels in a header and in the audit
 * trail, so it names the exception's class only: a message can quote the data it failed on (a parser's snippet of the
 * body, a URL with a query, a header value). The message itself belongs in a DEBUG log.
 */
public final class FailureReason {

    private FailureReason() {
    }

    /** The step went down the original path before the delegate was called. */
    public static String beforeTheCall(Throwable t) {
        return "orchestration failed before the call (" + describe(t) + ")";
    }

    /** The delegate answered, and the step's bookkeeping failed: its answer stands. */
    public static String afterTheCall(Throwable t) {
        return "orchestration failed after the call (" + describe(t) + ")";
    }

    /** The exception's class, and whether a budget store was unreachable (anywhere in its causes). */
    public static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BudgetStoreException) {
                return "budget store unreachable; " + c.getClass().getName();
            }
        }
        return t.getClass().getName();
    }
}
