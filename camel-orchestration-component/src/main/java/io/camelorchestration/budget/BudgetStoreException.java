package io.camelorchestration.budget;

/**
 * The budget store could not be reached or did not answer. What a step does then depends on the rule: a hard rule
 * follows {@link BudgetStorePolicy}, a soft rule never stops a step.
 */
public class BudgetStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BudgetStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
