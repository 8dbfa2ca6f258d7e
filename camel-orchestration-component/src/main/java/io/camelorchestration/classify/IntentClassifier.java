package io.camelorchestration.classify;

/**
 * Decides what a step does. Bind your own implementation in the registry to replace the built-in one.
 */
@FunctionalInterface
public interface IntentClassifier {

    Classification classify(StepDescription step);

    /**
     * True when the answer depends on the body only through whether it is a JSON array: the step's own fields are then
     * classified once at start-up and an instruction once per distinct text. False (the default for your own
     * classifier) asks the classifier for every message, with a sample of the body.
     */
    default boolean readsBodyShapeOnly() {
        return false;
    }
}
