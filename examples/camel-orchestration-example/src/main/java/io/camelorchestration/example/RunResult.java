package io.camelorchestration.example;

import java.time.Duration;
import java.util.Map;

/**
 * One run of the batch: each step's figures in workflow order, the branch the urgency step took per document, and
 * how many documents did not make it through.
 */
public record RunResult(String label, Map<String, StepTally> steps, Map<String, String> priorities, int failed,
        Duration elapsed) {

    long tokens() {
        return steps.values().stream().mapToLong(StepTally::tokens).sum();
    }

    double cost() {
        return steps.values().stream().mapToDouble(StepTally::cost).sum();
    }

    long fallbacks() {
        return steps.values().stream().mapToLong(StepTally::fallbacks).sum();
    }

    long urgent() {
        return priorities.values().stream().filter("urgent"::equals).count();
    }
}
