package io.camelorchestration.component;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.text.TokenCounter;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the tokenizer encodings of the catalog's models in the background as the component starts. Loading one
 * costs 0.1-0.5 s (o200k_base the most, with its vocabulary of 200,000 tokens), which would otherwise fall on the
 * first exchange that counts tokens in it. Routes do not wait for it: an exchange that comes first waits only for
 * the encoding it needs.
 */
final class TokenizerWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(TokenizerWarmUp.class);

    private volatile boolean ready;

    private TokenizerWarmUp() {
    }

    static TokenizerWarmUp start(CamelContext context, Object source, Collection<ModelInfo> models) {
        Set<String> encodings = new TreeSet<>();
        models.forEach(m -> encodings.add(m.encoding()));
        TokenizerWarmUp warmUp = new TokenizerWarmUp();
        ExecutorService executor = context.getExecutorServiceManager().newSingleThreadExecutor(source,
                "OrchestrateTokenizerWarmUp");
        executor.execute(() -> warmUp.load(encodings));
        context.getExecutorServiceManager().shutdown(executor); // once the task has run
        return warmUp;
    }

    private void load(Set<String> encodings) {
        long start = System.nanoTime();
        try {
            for (String encoding : encodings) {
                // a count, not only the encoding: it also reads the merges of ASCII words and fills the word cache
                TokenCounter.shared().count("Tokenizer warm-up: counting a first sentence.", encoding);
            }
            ready = true;
            LOG.debug("Tokenizer encodings {} loaded in {} ms", encodings, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // the first exchange that needs the encoding loads it, or fails as it would have without this
            LOG.warn("Tokenizer encodings {} could not be loaded in advance: {}", encodings, e.getMessage());
        }
    }

    /** Whether every encoding has been loaded. */
    boolean ready() {
        return ready;
    }
}
