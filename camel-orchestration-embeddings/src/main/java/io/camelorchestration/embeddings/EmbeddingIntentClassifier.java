package io.camelorchestration.embeddings;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.camelorchestration.classify.Classification;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.classify.KeywordIntentClassifier;
import io.camelorchestration.classify.StepDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code intent=auto} by meaning: the step's description (or this message's instruction) and its id are embedded with
 * an in-process sentence-embedding model and compared with labelled examples of each intent; below a measured margin
 * over the runner-up the answer is the safe default, {@link Intent#GENERATE}. A messaging delegate (smtp:, kafka:,
 * slack: ...) sends, as with the keyword classifier.
 * <p>
 * The body is never read, so the component classifies a step once when its endpoint starts and an instruction once per
 * distinct text ({@code StepIntent}, {@code ClassificationMemo}): a message with a fixed description pays nothing here.
 * <p>
 * The no-argument constructor (what the component's discovery calls when this module is on the class path) uses the
 * bundled all-MiniLM-L6-v2 model and examples, loaded on first use, once per JVM. Should the model fail to load (a
 * platform ONNX Runtime has no native library for), the keyword classifier answers instead and a warning says why.
 */
public final class EmbeddingIntentClassifier implements IntentClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingIntentClassifier.class);
    private static final Intent[] INTENTS = Intent.values();

    private final EmbeddingSettings settings;
    private final KeywordIntentClassifier keywords = new KeywordIntentClassifier();
    private final Supplier<ExampleIndex> load;
    private volatile ExampleIndex index;
    private volatile IntentClassifier fallback;

    /** The bundled model and examples with the measured settings. */
    public EmbeddingIntentClassifier() {
        this.settings = EmbeddingSettings.DEFAULTS;
        this.load = BundledModel::defaultIndex;
    }

    /** Your own model or examples (the benchmark compares settings this way). */
    public EmbeddingIntentClassifier(EmbeddingModel model, List<IntentExample> examples, EmbeddingSettings settings) {
        this.settings = settings;
        ExampleIndex built = new ExampleIndex(model, examples, settings);
        this.load = () -> built;
        this.index = built;
    }

    /** Only the step's words are read: the body's shape does not matter. */
    @Override
    public boolean readsBodyShapeOnly() {
        return true;
    }

    @Override
    public Classification classify(StepDescription step) {
        if (KeywordIntentClassifier.isMessagingDelegate(step.delegateUri())) {
            return new Classification(Intent.SEND, 1.0, "the delegate is a messaging endpoint");
        }
        Classification k = null;
        if (settings.combination() != Combination.EMBEDDINGS_ONLY) {
            k = keywords.classify(step);
            if (settings.combination() == Combination.KEYWORDS_FIRST && k.intent() != Intent.GENERATE) {
                return new Classification(k.intent(), k.confidence(), "keywords: " + k.reason());
            }
        }
        ExampleIndex ix = index();
        if (ix == null) {
            return fallback.classify(step);
        }
        String text = StepText.text(step.instruction(), step.description());
        String id = StepText.idWords(step.stepId());
        if (text.isEmpty() && id.isEmpty()) {
            return new Classification(Intent.GENERATE, 0.0, "nothing to read; safe default");
        }
        double[] s = ix.scores(ix.query(text, id));
        int best = 0;
        int second = -1;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[best]) {
                second = best;
                best = i;
            } else if (second < 0 || s[i] > s[second]) {
                second = i;
            }
        }
        double margin = Math.max(0, Math.min(1, s[best] - s[second]));
        String why = String.format(Locale.ROOT, "%s %.2f, %s %.2f", INTENTS[best].id(), s[best], INTENTS[second].id(),
                s[second]);
        if (margin < settings.minConfidence()) {
            if (settings.combination() == Combination.EMBEDDINGS_FIRST && k.intent() != Intent.GENERATE) {
                return new Classification(k.intent(), k.confidence(), "keywords: " + k.reason() + " (model not sure: "
                        + why + ")");
            }
            return new Classification(Intent.GENERATE, margin, "not sure (" + why + "); safe default");
        }
        return new Classification(INTENTS[best], margin, why);
    }

    /** Loaded on first use: a component whose steps all declare their intent never loads the model. */
    private ExampleIndex index() {
        ExampleIndex ix = index;
        if (ix != null || fallback != null) {
            return ix;
        }
        synchronized (this) {
            if (index == null && fallback == null) {
                try {
                    index = load.get();
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("The embedding model could not be loaded ({}); intent=auto classifies with the keyword"
                            + " classifier", e.toString());
                    fallback = new KeywordIntentClassifier();
                }
            }
            return index;
        }
    }

    EmbeddingSettings settings() {
        return settings;
    }
}
