package io.camelorchestration.compression;

import java.util.Arrays;
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

    private static final CharTable STOP = CharTable.of(STOP_WORDS);
    private static final CharTable TASK = CharTable.of(TASK_WORDS);

    private final CharTable ids = new CharTable();

    static boolean isStopWord(char[] lowerCase, int len) {
        return STOP.contains(lowerCase, len);
    }
    private char[] word = new char[32];

    /** The terms of a span of text, in order, with repeats. */
    int[] of(CharSequence text, int from, int to, boolean query) {
        return of(text, from, to, query, true);
    }

    /** With {@code learn} false, words not yet in the vocabulary are skipped rather than added. */
    private int[] of(CharSequence text, int from, int to, boolean query, boolean learn) {
        int[] out = new int[16];
        int size = 0;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            int len = 0;
            while (i < to) {
                char d = text.charAt(i);
                if (Character.isLetterOrDigit(d)) {
                    if (len == word.length) {
                        word = Arrays.copyOf(word, len * 2);
                    }
                    word[len++] = Character.toLowerCase(d);
                } else if (d != '\'' && d != '\u2019') {
                    break;
                }
                i++;
            }
            len = fold(word, len);
            if (len > 1 && !STOP.contains(word, len) && !(query && TASK.contains(word, len))) {
                int id = ids.id(word, len, learn);
                if (id >= 0) {
                    if (size == out.length) {
                        out = Arrays.copyOf(out, size * 2);
                    }
                    out[size++] = id;
                }
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

    /** Harman's S-stemmer, in place: plural endings only, predictable. Returns the new length. */
    private static int fold(char[] w, int n) {
        if (n > 4 && endsWith(w, n, "ies") && !endsWith(w, n, "eies") && !endsWith(w, n, "aies")) {
            w[n - 3] = 'y';
            return n - 2;
        }
        if (n > 3 && endsWith(w, n, "es") && !endsWith(w, n, "aes") && !endsWith(w, n, "ees")
                && !endsWith(w, n, "oes")) {
            return n - 1;
        }
        if (n > 3 && w[n - 1] == 's' && !endsWith(w, n, "us") && !endsWith(w, n, "ss")) {
            return n - 1;
        }
        return n;
    }

    private static boolean endsWith(char[] w, int n, String suffix) {
        int k = suffix.length();
        if (n < k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (w[n - k + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
