package io.camelorchestration.route;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * How hard an input is: the features found and a score from 0 (trivial) to 1. A step is complex when the score
 * reaches {@link #THRESHOLD}; every single feature does.
 */
public record Complexity(Set<ComplexityFeature> features, double score) {

    public static final double THRESHOLD = 0.4;

    public static final Complexity NONE = new Complexity(Set.of(), 0);

    public Complexity {
        features = Set.copyOf(features);
    }

    public boolean complex() {
        return score >= THRESHOLD;
    }

    /** "code, several-questions", for routing reasons and audit details. */
    public String describe() {
        return features.stream().sorted().map(ComplexityFeature::id).collect(Collectors.joining(", "));
    }
}
