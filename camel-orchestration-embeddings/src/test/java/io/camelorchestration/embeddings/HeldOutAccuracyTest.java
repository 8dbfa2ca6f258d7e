package io.camelorchestration.embeddings;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled classifier on step descriptions it was never tuned on. The model and the examples are loaded once for
 * the class (about two seconds).
 */
class HeldOutAccuracyTest {

    private static EmbeddingIntentClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = new EmbeddingIntentClassifier();
    }

    @Test
    void projectHeldOutSet() {
        LabelledSet.Score s = LabelledSet.file(
                Path.of("../camel-orchestration-component/src/test/resources/intent/heldout-steps.tsv")).score(classifier);
        System.out.println(s);

        assertThat(s.accuracy()).as(s.toString()).isGreaterThanOrEqualTo(0.92);
    }
}
