package io.camelorchestration.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.internal.Json;

/** The Brown Corpus documents bundled with the tests (see brown-sample/README.md). */
public record BrownSample(String id, String genre, String text) {

    public static List<BrownSample> all() {
        try (InputStream in = BrownSample.class.getResourceAsStream("/brown-sample/brown-sample.jsonl")) {
            ObjectMapper mapper = Json.MAPPER;
            List<BrownSample> docs = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode n = mapper.readTree(line);
                    docs.add(new BrownSample(n.get("id").asText(), n.get("genre").asText(), n.get("text").asText()));
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BrownSample byId(String id) {
        return all().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /** A sentence of the text with one number or inner capitalised word masked, and the masked word. */
    public record Cloze(String question, String answer) {
    }

    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]");
    private static final Pattern ANSWER = Pattern.compile("(?<=\\w[,;]? )(?:[A-Z][a-z]{2,}|\\d[\\d,.]*\\d)\\b");

    /** Cloze questions whose answer occurs once in the text, from sentences spread over it. */
    public List<Cloze> clozes(int count) {
        List<Cloze> all = new ArrayList<>();
        Matcher s = SENTENCE.matcher(text);
        while (s.find()) {
            String sentence = s.group().strip();
            int words = sentence.split("\\s+").length;
            Matcher a = ANSWER.matcher(sentence);
            if (words >= 8 && words <= 50 && a.find() && occurrences(a.group()) == 1) {
                all.add(new Cloze(sentence.substring(0, a.start()) + "____" + sentence.substring(a.end()), a.group()));
            }
        }
        List<Cloze> picked = new ArrayList<>();
        for (int k = 0; k < count && !all.isEmpty(); k++) {
            picked.add(all.get((2 * k + 1) * all.size() / (2 * count)));
        }
        return picked;
    }

    private int occurrences(String word) {
        Matcher m = Pattern.compile("(?<!\\w)" + Pattern.quote(word) + "(?!\\w)").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
