package io.camelorchestration.text;

import java.util.ArrayList;
import java.util.List;

import com.knuddels.jtokkit.api.Encoding;

/** A counter that remembers every text it gave the tokenizer. */
public final class RecordingTokenCounter extends TokenCounter {

    private final List<String> tokenized = new ArrayList<>();

    @Override
    protected synchronized int tokenize(Encoding encoding, String text) {
        tokenized.add(text);
        return super.tokenize(encoding, text);
    }

    public synchronized List<String> tokenized() {
        return List.copyOf(tokenized);
    }

    /** Characters given to the tokenizer so far. */
    public synchronized long chars() {
        return tokenized.stream().mapToLong(String::length).sum();
    }

    public synchronized void clear() {
        tokenized.clear();
    }
}
