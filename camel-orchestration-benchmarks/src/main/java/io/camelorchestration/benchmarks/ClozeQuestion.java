package io.camelorchestration.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cloze question built from a document's own sentence: one name or number masked with "____". The question is
 * the sentence with the gap; the compression keeps the answer if the answer is still in its output. Only answers
 * that occur once in the whole document are used, so finding the answer means the sentence that holds it (or at
 * least the only place it is mentioned) survived. Sentences are picked at evenly spaced positions of the document.
 */
public record ClozeQuestion(String question, String answer) {

    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]+[\"')]*");
    private static final Pattern CANDIDATE = Pattern.compile("\\b(?:[A-Z][a-z]{2,}|\\d[\\d,.]*\\d|\\d)\\b");
    private static final Set<String> COMMON = Set.of("the", "this", "that", "these", "those", "there", "then",
            "they", "his", "her", "its", "our", "and", "but", "for", "not", "yet", "when", "what", "who", "how",
            "why", "where", "while", "mrs", "mr");
    private static final int MIN_WORDS = 8;
    private static final int MAX_WORDS = 50;

    public static List<ClozeQuestion> from(String text, int count) {
        List<ClozeQuestion> candidates = new ArrayList<>();
        Matcher s = SENTENCE.matcher(text);
        while (s.find()) {
            String sentence = s.group().strip();
            int words = sentence.split("\\s+").length;
            if (words < MIN_WORDS || words > MAX_WORDS) {
                continue;
            }
            Matcher c = CANDIDATE.matcher(sentence);
            while (c.find()) {
                String answer = c.group();
                // skip the sentence's first word: capitalised for grammar, not a name
                if (c.start() == 0 || COMMON.contains(answer.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (occurrences(text, answer) == 1) {
                    String question = sentence.substring(0, c.start()) + "____" + sentence.substring(c.end());
                    candidates.add(new ClozeQuestion(question, answer));
                    break;
                }
            }
        }
        List<ClozeQuestion> picked = new ArrayList<>();
        if (candidates.isEmpty()) {
            return picked;
        }
        int n = Math.min(count, candidates.size());
        for (int k = 0; k < n; k++) {
            picked.add(candidates.get((int) ((long) (2 * k + 1) * candidates.size() / (2L * n))));
        }
        return picked;
    }

    /** Whole-word occurrences. */
    static int occurrences(String text, String word) {
        Matcher m = Pattern.compile("(?<![\\w])" + Pattern.quote(word) + "(?![\\w])").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * A harder form of the question: every second word of the sentence is left out (the gap stays), so the
     * instruction no longer repeats the sentence it came from.
     */
    public String halfQuestion() {
        String[] words = question.split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i % 2 == 0 || words[i].contains("____")) {
                sb.append(sb.length() == 0 ? "" : " ").append(words[i]);
            }
        }
        return sb.toString();
    }

    public boolean answeredBy(String compressed) {
        return occurrences(compressed, answer) > 0;
    }
}
