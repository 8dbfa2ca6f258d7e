package io.camelorchestration.budget;

/**
 * Thrown (and set on the exchange) when a step would break a hard budget whose policy is {@code fail}. The only
 * orchestration error that fails an exchange.
 */
public class BudgetExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String budget;
    private final long limit;
    private final long requested;
    private final long alreadyUsed;

    public BudgetExceededException(String budget, long limit, long alreadyUsed, long requested) {
        super("Budget " + budget + " exceeded: " + alreadyUsed + " used + " + requested + " requested > limit " + limit);
        this.budget = budget;
        this.limit = limit;
        this.requested = requested;
        this.alreadyUsed = alreadyUsed;
    }

    public String getBudget() {
        return budget;
    }

    public long getLimit() {
        return limit;
    }

    public long getRequested() {
        return requested;
    }

    public long getAlreadyUsed() {
        return alreadyUsed;
    }
}
