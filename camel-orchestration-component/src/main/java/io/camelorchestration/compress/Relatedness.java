package io.camelorchestration.compress;

import java.util.List;

import io.camelorchestration.compress.internal.DecisionWords;

/**
 * How closely each unit (sentence) of a text bears on a decision step's question by meaning, not only by the words
 * the two share: "is this urgent?" is decided by "the levee is threatened". Question-aware selection keeps the units
 * this scores above zero for {@code conditional} and {@code filter} steps, next to those that share the question's
 * words, and cuts less than for other steps when neither finds any.
 * <p>
 * The default is {@link #synonyms()}, a small synonym expansion. An implementation on sentence embeddings can take
 * its place: {@link CompressionPipeline#defaults(io.camelorchestration.text.TokenCounter, int, Relatedness)}, set as
 * the component's compressor. Implementations must be thread-safe and must not keep the texts they are given.
 */
public interface Relatedness {

    /**
     * One score per unit, in [0, 1]: 0 for a unit that does not bear on the question, more for one that bears on it
     * more closely.
     *
     * @return null when this relatedness cannot judge the question at all (it names nothing known to it): selection
     *         then goes by the question's words alone
     */
    double[] scores(String question, List<String> units);

    /** The built-in synonym groups ({@link DecisionWords}): urgency, complaints, legal, refunds, fraud, spam, ... */
    static Relatedness synonyms() {
        return DecisionWords.INSTANCE;
    }
}
