package io.camelorchestration.embeddings;

/** How the embedding classifier and the keyword cues share the decision. */
public enum Combination {
    /** A cue word the keyword classifier is sure of decides; the model reads what it is not sure of. */
    KEYWORDS_FIRST,
    /** The model decides when its margin is enough; otherwise a sure keyword classification; otherwise generate. */
    EMBEDDINGS_FIRST,
    /** The model alone. */
    EMBEDDINGS_ONLY
}
