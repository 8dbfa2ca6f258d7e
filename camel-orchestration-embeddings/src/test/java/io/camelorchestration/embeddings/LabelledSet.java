package io.camelorchestration.embeddings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.camelorchestration.classify.Classification;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.classify.StepDescription;

/** A labelled set scored by a classifier, with its misses for the failure message. */
record LabelledSet(String name, List<IntentExample> lines) {

    static final String DELEGATE = "langchain4j-chat:llm?chatModel=#chatModel";

    static LabelledSet file(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return new LabelledSet(p.getFileName().toString(), IntentExample.read(in, p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabelledSet resource(String name) {
        InputStream in = LabelledSet.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing " + name);
        }
        return new LabelledSet(name, IntentExample.read(in, name));
    }

    Score score(IntentClassifier classifier) {
        int right = 0;
        int wrongNotDefault = 0;
        List<String> misses = new ArrayList<>();
        for (IntentExample l : lines) {
            Classification c = classifier.classify(new StepDescription(l.stepId(), l.description(), DELEGATE, null, ""));
            if (c.intent() == l.intent()) {
                right++;
            } else {
                if (c.intent() != Intent.GENERATE) {
                    wrongNotDefault++;
                }
                misses.add(String.format(Locale.ROOT, "%s -> %s (%s) %s: %s", l.intent().id(), c.intent().id(),
                        c.reason(), l.stepId(), l.description()));
            }
        }
        return new Score(name, lines.size(), right, wrongNotDefault, misses);
    }

    record Score(String name, int lines, int right, int wrongNotDefault, List<String> misses) {

        double accuracy() {
            return (double) right / lines;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %.1f%% (%d/%d), %d wrong and not generate%n  %s", name,
                    100 * accuracy(), right, lines, wrongNotDefault, String.join("\n  ", misses));
        }
    }
}
