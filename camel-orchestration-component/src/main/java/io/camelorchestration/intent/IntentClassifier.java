package io.camelorchestration.intent;

/**
 * Decides what a step does. Bind your own implementation in the registry to replace the built-in one.
 */
@FunctionalInterface
public interface IntentClassifier {

    Classification classify(StepDescription step);
}
