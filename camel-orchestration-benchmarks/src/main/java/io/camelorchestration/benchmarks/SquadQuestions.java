package io.camelorchestration.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.internal.Json;

/**
 * Human-written questions over whole articles: SQuAD 2.0 (CC BY-SA 4.0) as {@code ../shared/data/squad/} holds it,
 * {@code documents.jsonl} ({@code title}, {@code text}) and {@code questions.jsonl} ({@code title}, {@code question},
 * {@code answers}). An answer is kept when one of its reference strings is still in the compressed text (case and
 * runs of white space ignored). Unlike the cloze questions, these paraphrase the text rather than copy it.
 */
final class SquadQuestions {

    record Question(String title, String question, List<String> answers) {

        boolean answeredBy(String text) {
            String t = normal(text);
            return answers.stream().anyMatch(a -> t.contains(normal(a)));
        }
    }

    /** Article title to text, in file order. */
    final Map<String, String> articles;
    final List<Question> questions;

    private SquadQuestions(Map<String, String> articles, List<Question> questions) {
        this.articles = articles;
        this.questions = questions;
    }

    static SquadQuestions load(Path dir) throws IOException {
        ObjectMapper mapper = Json.MAPPER;
        Map<String, String> articles = new LinkedHashMap<>();
        for (JsonNode n : lines(mapper, dir.resolve("documents.jsonl"))) {
            articles.put(n.path("title").asText(), n.path("text").asText());
        }
        List<Question> questions = new ArrayList<>();
        for (JsonNode n : lines(mapper, dir.resolve("questions.jsonl"))) {
            List<String> answers = new ArrayList<>();
            n.path("answers").forEach(a -> answers.add(a.asText()));
            String title = n.path("title").asText();
            if (articles.containsKey(title) && !answers.isEmpty()) {
                questions.add(new Question(title, n.path("question").asText(), answers));
            }
        }
        return new SquadQuestions(articles, questions);
    }

    private static List<JsonNode> lines(ObjectMapper mapper, Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(mapper.readTree(line));
            }
        }
        return out;
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
