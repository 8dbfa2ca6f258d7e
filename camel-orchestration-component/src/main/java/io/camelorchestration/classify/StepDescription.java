package io.camelorchestration.classify;

/**
 * Everything a classifier may look at: the step id, the user's description, the delegate URI,
 * this message's instruction (may be null) and a short sample of the body (may be empty).
 */
public record StepDescription(String stepId, String description, String delegateUri, String instruction, String bodySample) {

    public StepDescription {
        stepId = stepId == null ? "" : stepId;
        description = description == null ? "" : description;
        delegateUri = delegateUri == null ? "" : delegateUri;
        bodySample = bodySample == null ? "" : bodySample;
    }

    public StepDescription withMessage(String instruction, String bodySample) {
        return new StepDescription(stepId, description, delegateUri, instruction, bodySample);
    }
}
