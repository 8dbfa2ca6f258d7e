package io.camelorchestration.embeddings;

/**
 * How the embedding classifier decides.
 *
 * @param scoring       nearest examples or intent centroids
 * @param neighbours    how many of an intent's nearest examples are averaged (NEAREST)
 * @param idWeight      how much the step id counts next to the description or instruction (1: as much)
 * @param minConfidence the margin of the best intent's similarity over the runner-up's below which the answer is the
 *                      safe default, generate
 * @param combination   how the model and the keyword cues share the decision
 */
public record EmbeddingSettings(Scoring scoring, int neighbours, double idWeight, double minConfidence,
        Combination combination) {

    /** Measured with the classification benchmark (docs/intents.md). */
    public static final EmbeddingSettings DEFAULTS = new EmbeddingSettings(Scoring.NEAREST, 5, 1.0, 0.07,
            Combination.EMBEDDINGS_FIRST);

    public EmbeddingSettings {
        if (scoring == null || combination == null) {
            throw new IllegalArgumentException("scoring and combination must not be null");
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be at least 1: " + neighbours);
        }
        if (idWeight < 0 || Double.isNaN(idWeight)) {
            throw new IllegalArgumentException("idWeight must be 0 or more: " + idWeight);
        }
        if (minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("minConfidence must be in [0,1]: " + minConfidence);
        }
    }

    public EmbeddingSettings withScoring(Scoring s) {
        return new EmbeddingSettings(s, neighbours, idWeight, minConfidence, combination);
    }

    public EmbeddingSettings withNeighbours(int n) {
        return new EmbeddingSettings(scoring, n, idWeight, minConfidence, combination);
    }

    public EmbeddingSettings withIdWeight(double w) {
        return new EmbeddingSettings(scoring, neighbours, w, minConfidence, combination);
    }

    public EmbeddingSettings withMinConfidence(double c) {
        return new EmbeddingSettings(scoring, neighbours, idWeight, c, combination);
    }

    public EmbeddingSettings withCombination(Combination c) {
        return new EmbeddingSettings(scoring, neighbours, idWeight, minConfidence, c);
    }
}
