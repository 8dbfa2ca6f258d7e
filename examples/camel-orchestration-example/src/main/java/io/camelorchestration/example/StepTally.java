package io.camelorchestration.example;

import java.util.Set;
import java.util.TreeSet;

/**
 * What one step of the workflow used in one run, as the model provider reported it.
 */
final class StepTally {

    private long inputTokens;
    private long outputTokens;
    private double cost;
    private long calls;
    private long fallbacks;
    private final Set<String> models = new TreeSet<>();

    synchronized void add(String model, long in, long out, double usd) {
        inputTokens += in;
        outputTokens += out;
        cost += usd;
        calls++;
        models.add(model);
    }

    synchronized void fallbacks(long n) {
        fallbacks = n;
    }

    synchronized long tokens() {
        return inputTokens + outputTokens;
    }

    synchronized double cost() {
        return cost;
    }

    synchronized long calls() {
        return calls;
    }

    synchronized long fallbacks() {
        return fallbacks;
    }

    synchronized String models() {
        return models.isEmpty() ? "-" : String.join("+", models);
    }
}
