package io.camelorchestration.embeddings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.camelorchestration.classify.Intent;

/**
 * One labelled step: the intent a careful reader would pick for a step with this id and description. The same
 * tab-separated lines as the component's labelled sets: intent, step id, description, and optional further columns
 * (a note, the source) that are not read.
 */
public record IntentExample(Intent intent, String stepId, String description) {

    public IntentExample {
        stepId = stepId == null ? "" : stepId;
        description = description == null ? "" : description;
    }

    /** Reads a TSV of examples; {@code #} lines and blank lines are comments. */
    public static List<IntentExample> read(InputStream in, String name) {
        List<IntentExample> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 3) {
                    throw new IllegalArgumentException(name + " line " + n + ": expected intent, stepId, description");
                }
                out.add(new IntentExample(Intent.of(f[0]), f[1], f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
        return out;
    }
}
