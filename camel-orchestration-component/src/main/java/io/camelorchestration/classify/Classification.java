package io.camelorchestration.classify;

/**
 * The outcome of classifying a step: the intent, how sure the classifier is (0..1), and why.
 */
public record Classification(Intent intent, double confidence, String reason) {

    public Classification {
        if (intent == null) {
            throw new IllegalArgumentException("intent must not be null");
        }
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be in [0,1]: " + confidence);
        }
    }

    public static Classification declared(Intent intent) {
        return new Classification(intent, 1.0, "declared");
    }
}
