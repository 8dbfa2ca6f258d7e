package io.camelorchestration.engine;

import io.camelorchestration.catalog.ModelInfo;

/**
 * The model and output cap a delegate call is sent with, as the adapter writes them into the message (headers, an
 * OpenAI-style request body).
 *
 * @param model     the model to name in the request, or null to leave the request's own (the step neither routes
 *                  nor pins a model)
 * @param outputCap the output cap to send, or 0 for none (a step that calls no model, or has no cap); a reasoning
 *                  model reasons before it answers inside the same cap, so it is given room for both
 */
public record CallShape(ModelInfo model, int outputCap) {

    /**
     * The call a step makes on {@code model}: the model is named when routing chose it or the step pins one, the cap
     * is sent when the step calls a model and has one.
     */
    static CallShape of(ModelInfo model, boolean routed, int maxOutputTokens, boolean usesModel, StepSettings settings) {
        int cap = model == null ? maxOutputTokens : model.outputCapFor(maxOutputTokens);
        ModelInfo named = model != null && (routed || settings.pinnedModel() != null) ? model : null;
        return new CallShape(named, usesModel ? cap : 0);
    }

    /**
     * The call as the user wrote it (the original path, a re-run): a step that pins a model names it, with no cap of
     * the pipeline's; otherwise the message is left as it came.
     */
    public static CallShape original(StepSettings settings) {
        return new CallShape(settings.pinnedModel() != null ? settings.originalModel() : null, 0);
    }
}
