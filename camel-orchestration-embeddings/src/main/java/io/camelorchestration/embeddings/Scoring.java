package io.camelorchestration.embeddings;

/** How a step is compared with the labelled examples. */
public enum Scoring {
    /** Each intent scores the mean similarity of its few examples nearest to the step. */
    NEAREST,
    /** Each intent scores the similarity to the mean of all its examples. */
    CENTROID
}
