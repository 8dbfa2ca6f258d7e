package io.camelorchestration.budget;

/**
 * The budget store is down and the step goes down the original path unbooked (policy open, or only soft rules): it
 * carries the hold whose rules the step's spend is to be booked on later (see {@link PendingSettlements}).
 */
public final class UnbookedStepException extends BudgetStoreException {

    private static final long serialVersionUID = 1L;

    private final transient CumulativeBudgets.Hold hold;

    UnbookedStepException(BudgetStoreException cause, CumulativeBudgets.Hold hold) {
        super(cause.getMessage(), cause.getCause() != null ? cause.getCause() : cause);
        this.hold = hold;
    }

    public CumulativeBudgets.Hold hold() {
        return hold;
    }
}
