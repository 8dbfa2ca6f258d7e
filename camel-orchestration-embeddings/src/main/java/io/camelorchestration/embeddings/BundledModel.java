package io.camelorchestration.embeddings;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The model and the labelled examples this module ships, loaded once per JVM (about a second for the model, and one
 * batch for the examples): every component and every test of a JVM shares them.
 */
public final class BundledModel {

    /** The labelled examples, in this module's resources; see the README beside them for their sources. */
    static final List<String> EXAMPLES = List.of(
            "io/camelorchestration/embeddings/examples-project.tsv",
            "io/camelorchestration/embeddings/examples-others.tsv");

    private BundledModel() {
    }

    /** all-MiniLM-L6-v2 (384 dimensions), from the jar: nothing is downloaded. */
    public static EmbeddingModel model() {
        return ModelHolder.MODEL;
    }

    /** Every bundled example, in file order. */
    public static List<IntentExample> examples() {
        List<IntentExample> all = new ArrayList<>();
        for (String r : EXAMPLES) {
            InputStream in = BundledModel.class.getClassLoader().getResourceAsStream(r);
            if (in == null) {
                throw new IllegalStateException("missing resource " + r);
            }
            all.addAll(IntentExample.read(in, r));
        }
        return all;
    }

    static ExampleIndex defaultIndex() {
        return IndexHolder.INDEX;
    }

    private static final class ModelHolder {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
    }

    private static final class IndexHolder {
        static final ExampleIndex INDEX = new ExampleIndex(model(), examples(), EmbeddingSettings.DEFAULTS);
    }
}
