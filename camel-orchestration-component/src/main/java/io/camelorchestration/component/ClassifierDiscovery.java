package io.camelorchestration.component;

import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.classify.KeywordIntentClassifier;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.FactoryFinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which classifier {@code intent=auto} asks: the user's bean; else the one a module on the class path offers through
 * Camel's factory finder ({@value #PATH}{@value #KEY}, e.g. camel-orchestration-embeddings), unless
 * {@code classifier-discovery=false}; else the built-in keyword classifier. Adding the jar is all it takes.
 */
final class ClassifierDiscovery {

    static final String PATH = "META-INF/services/io/camelorchestration/";
    static final String KEY = "intent-classifier";

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierDiscovery.class);

    private ClassifierDiscovery() {
    }

    /** The options classifier and classifier-discovery: the user's, else the one found, else the keyword classifier. */
    static IntentClassifier classifier(IntentClassifier own, boolean discovery, CamelContext ctx) {
        if (own != null) {
            return own;
        }
        if (discovery) {
            IntentClassifier found = discover(ctx);
            if (found != null) {
                LOG.info("intent=auto classifies with {} (found on the class path; classifier-discovery=false turns it"
                        + " off)", found.getClass().getName());
                return found;
            }
        }
        return new KeywordIntentClassifier();
    }

    static IntentClassifier discover(CamelContext ctx) {
        FactoryFinder finder = ctx.getCamelContextExtension().getFactoryFinder(PATH);
        return finder.newInstance(KEY, IntentClassifier.class).orElse(null);
    }
}
