package io.camelorchestration.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled step descriptions in {@code src/test/resources/intent}: expected intent, step id, description, and
 * "ambiguous" for vague steps whose only right answer is the safe default.
 */
record LabelledSteps(String resource, List<Line> lines) {

    record Line(int number, Intent expected, String stepId, String description, boolean ambiguous) {

        StepDescription step() {
            return new StepDescription(stepId, description, "langchain4j-chat:llm?chatModel=#chatModel", null, "");
        }

        @Override
        public String toString() {
            return "line " + number + " [" + expected.id() + "] " + stepId + ": " + description;
        }
    }

    static LabelledSteps load(String resource) {
        List<Line> out = new ArrayList<>();
        try (InputStream in = LabelledSteps.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                if (s.isBlank() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\t", -1);
                if (f.length < 3) {
                    throw new IllegalStateException(resource + " line " + n + ": expected intent, stepId, description");
                }
                out.add(new Line(n, Intent.of(f[0]), f[1], f[2], f.length > 3 && "ambiguous".equals(f[3].trim())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabelledSteps(resource, List.copyOf(out));
    }

    List<Line> misclassified(IntentClassifier classifier) {
        return lines.stream().filter(l -> classifier.classify(l.step()).intent() != l.expected()).toList();
    }

    double accuracy(IntentClassifier classifier) {
        return 1.0 - (double) misclassified(classifier).size() / lines.size();
    }

    List<Line> ambiguous() {
        return lines.stream().filter(Line::ambiguous).toList();
    }

    long count(Intent intent) {
        return lines.stream().filter(l -> !l.ambiguous() && l.expected() == intent).count();
    }
}
