package io.camelorchestration.budget;

import java.time.Instant;

/**
 * One account of a ledger: a rule, a budget key, and the window it is in.
 */
public record BudgetScope(String ruleId, String key, Instant windowStart) {
}
