package io.camelorchestration.compression;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The content words of a text as small integers: lower-cased, stop words dropped, plurals folded ("reports" and
 * "report" are one term). One instance per compression call (it holds the vocabulary of that text); not shared
 * between threads.
 */
final class Terms {

    static final Set<String> STOP_WORDS = Set.of("a", "about", "above", "after", "again", "against", "all", "also",
            "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
            "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each",
            "even", "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
            "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its",
            "itself", "just", "like", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "no",
            "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves",
            "out", "over", "own", "same", "said", "say", "says", "shall", "she", "should", "so", "some", "still",
            "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
            "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we",
            "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
            "with", "yet", "you", "your", "yours", "yourself", "would", "many", "well", "made", "make",
            "new", "two", "three", "first", "last", "since", "within", "without", "ll", "re", "ve", "don", "didn",
            "doesn", "isn", "wasn", "aren", "weren", "won", "wouldn", "couldn", "shouldn", "let");

    /** Words that describe the task rather than the content: "summarize the following text". */
    static final Set<String> TASK_WORDS = Set.of("summarize", "summarise", "summary", "extract", "extraction",
            "text", "document", "documents", "following", "please", "question", "questions", "answer", "find",
            "list", "give", "provide", "return", "output", "json", "field", "fields", "input", "content",
            "message", "messages", "step", "tell", "describe", "explain", "identify", "mentioned", "write",
            "based", "given", "below", "brief", "briefly", "short", "key", "points", "point", "main", "information",
            "detail", "details", "blank", "fill", "gap", "missing");

    private final Map<String, Integer> ids = new HashMap<>();

    /** The terms of a span of text, in order, with repeats. */
    int[] of(CharSequence text, int from, int to, boolean query) {
        return of(text, from, to, query, true);
    }

    /** With {@code learn} false, words not yet in the vocabulary are skipped rather than added. */
    private int[] of(CharSequence text, int from, int to, boolean query, boolean learn) {
        int[] out = new int[16];
        int size = 0;
        int i = from;
        StringBuilder word = new StringBuilder(24);
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                word.setLength(0);
                while (i < to) {
                    char d = text.charAt(i);
                    if (Character.isLetterOrDigit(d)) {
                        word.append(Character.toLowerCase(d));
                    } else if (d != '\'' && d != '\u2019') {
                        break;
                    }
                    i++;
                }
                String w = fold(word);
                if (w.length() > 1 && !STOP_WORDS.contains(w) && !(query && TASK_WORDS.contains(w))) {
                    Integer id = learn ? ids.computeIfAbsent(w, k -> ids.size()) : ids.get(w);
                    if (id != null) {
                        if (size == out.length) {
                            out = Arrays.copyOf(out, size * 2);
                        }
                        out[size++] = id;
                    }
                }
            } else {
                i++;
            }
        }
        return Arrays.copyOf(out, size);
    }

    /** Terms of a query: only words that occur in the text count (the others cannot score); the vocabulary is not
     * changed, so one text can be asked many questions. */
    int[] ofQuery(String query) {
        if (query == null || query.isBlank()) {
            return new int[0];
        }
        return Arrays.stream(of(query, 0, query.length(), true, false)).distinct().toArray();
    }

    /** Whether an instruction names anything beyond the task itself ("summarize the text" does not). */
    static boolean hasContentWords(String instruction) {
        if (instruction == null || instruction.isBlank()) {
            return false;
        }
        Terms probe = new Terms();
        return probe.of(instruction, 0, instruction.length(), true).length > 0;
    }

    int size() {
        return ids.size();
    }

    /** Harman's S-stemmer: plural endings only, predictable. */
    private static String fold(StringBuilder w) {
        int n = w.length();
        if (n > 4 && endsWith(w, "ies") && !endsWith(w, "eies") && !endsWith(w, "aies")) {
            return w.substring(0, n - 3) + "y";
        }
        if (n > 3 && endsWith(w, "es") && !endsWith(w, "aes") && !endsWith(w, "ees") && !endsWith(w, "oes")) {
            return w.substring(0, n - 1);
        }
        if (n > 3 && w.charAt(n - 1) == 's' && !endsWith(w, "us") && !endsWith(w, "ss")) {
            return w.substring(0, n - 1);
        }
        // possessive: "atlanta's" -> "atlanta"
        return w.toString();
    }

    private static boolean endsWith(StringBuilder w, String suffix) {
        int n = w.length();
        int k = suffix.length();
        if (n < k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (w.charAt(n - k + i) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
