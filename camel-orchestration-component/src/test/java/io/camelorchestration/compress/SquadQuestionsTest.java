package io.camelorchestration.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.internal.Json;
import org.junit.jupiter.api.Test;

/**
 * Question-aware selection on questions nobody here wrote: SQuAD 2.0 crowd workers' questions over a whole Wikipedia
 * article (src/test/resources/squad-sample, CC BY-SA 4.0). Each question is the step's instruction over the whole
 * article; the answer counts as kept when one of its reference strings is still in the compressed text.
 */
class SquadQuestionsTest {

    record Question(String question, List<String> answers) {
    }

    @Test
    void keepsTheAnswersOfHumanQuestionsOverAWholeArticleAtHalfTheTokens() throws IOException {
        String article = read("documents.jsonl").get(0).path("text").asText();
        List<Question> questions = questions();
        Compressor compressor = CompressionPipeline.defaults();
        long before = 0;
        long after = 0;
        List<String> lost = new ArrayList<>();
        for (Question q : questions) {
            CompressionResult r = compressor.compress(new CompressionRequest(article, CompressionLevel.AGGRESSIVE,
                    Intent.SUMMARIZE, q.question(), "cl100k_base", false));
            before += r.tokensBefore();
            after += r.tokensAfter();
            if (!answered(r.text(), q.answers())) {
                lost.add(q.question() + " " + q.answers());
            }
        }
        double reduction = 100.0 * (before - after) / before;
        double kept = 100.0 * (questions.size() - lost.size()) / questions.size();

        assertThat(questions).hasSize(108);
        assertThat(reduction).as("%% fewer tokens").isGreaterThanOrEqualTo(50);
        assertThat(kept).as("%% of answers kept; lost: %s", lost).isGreaterThanOrEqualTo(95);
    }

    /** A reference answer, compared case-insensitively with white space runs as one space, in the text. */
    static boolean answered(String text, List<String> answers) {
        String t = normal(text);
        return answers.stream().anyMatch(a -> t.contains(normal(a)));
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static List<Question> questions() throws IOException {
        List<Question> out = new ArrayList<>();
        for (JsonNode n : read("questions.jsonl")) {
            List<String> answers = new ArrayList<>();
            n.path("answers").forEach(a -> answers.add(a.asText()));
            out.add(new Question(n.path("question").asText(), answers));
        }
        return out;
    }

    private static List<JsonNode> read(String file) throws IOException {
        ObjectMapper mapper = Json.MAPPER;
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = SquadQuestionsTest.class.getResourceAsStream("/squad-sample/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(mapper.readTree(line));
                }
            }
        }
        return out;
    }
}
