package io.camelorchestration.compress.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.camelorchestration.text.Stemmer;

/**
 * The content words of a text as small integers: lower-cased, stop words dropped, stemmed by the engine's one
 * {@link Stemmer} ("reports", "reported" and "report" are one term). One instance per compression call (it holds the vocabulary of that text); not shared
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

    /** Stemmed, as the words looked up in it are. */
    private static final Set<String> TASK = TASK_WORDS.stream().map(Stemmer::stem).collect(Collectors.toSet());

    /** Term ids, dense, in order of first sight. */
    private final Map<String, Integer> ids = new HashMap<>();

    private char[] word = new char[32];

    /** The terms of a span of text, in order, with repeats. */
    int[] of(CharSequence text, int from, int to, boolean query) {
        return of(text, from, to, query, true, false);
    }

    private final Map<String, Integer> factIds = new HashMap<>();
    private int[] facts = new int[16];
    private int factCount;
    private int tokens;

    /**
     * The terms of one unit of the document, learning new words; in the same pass it estimates the unit's tokens
     * ({@link #lastTokens()}) and collects its names and figures ({@link #lastFacts()}).
     */
    int[] ofUnit(CharSequence text, int from, int to) {
        return of(text, from, to, false, true, true);
    }

    /**
     * BPE tokens of the last unit, estimated the way cl100k/o200k split English: a word is one token (long words
     * more), a group of up to three digits one, any other visible character one. Selection only compares units of
     * one text with each other and with a share of their sum, so the estimate's bias cancels out; the pipeline
     * counts its result exactly.
     */
    int lastTokens() {
        return tokens;
    }

    /**
     * Names and figures of the last unit, as ids shared across the document, sorted and distinct: capitalised
     * words that do not open the unit (nor are stop words), and numbers. What a summary should lose last.
     */
    int[] lastFacts() {
        int[] copy = Arrays.copyOf(facts, factCount);
        Arrays.sort(copy);
        int k = 0;
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) {
                copy[k++] = copy[i];
            }
        }
        return Arrays.copyOf(copy, k);
    }

    /** With {@code learn} false, words not yet in the vocabulary are skipped rather than added. */
    private int[] of(CharSequence text, int from, int to, boolean query, boolean learn, boolean stats) {
        int[] out = new int[16];
        int size = 0;
        int i = from;
        tokens = 0;
        factCount = 0;
        boolean first = true;
        while (i < to) {
            char c = text.charAt(i);
            if (!isWordChar(c)) {
                if (stats && c != ' ' && c != '\n' && !Character.isWhitespace(c)) {
                    tokens++;
                }
                i++;
                continue;
            }
            int start = i;
            int len = 0;
            int stem = -1; // length before an apostrophe: "Atlanta's" names Atlanta
            boolean digits = true;
            while (i < to) {
                char d = text.charAt(i);
                if (isWordChar(d)) {
                    if (len == word.length) {
                        word = Arrays.copyOf(word, len * 2);
                    }
                    digits &= d >= '0' && d <= '9';
                    char lower = d < 128 ? (d >= 'A' && d <= 'Z' ? (char) (d | 0x20) : d) : Character.toLowerCase(d);
                    word[len++] = lower;
                } else if (d == '\'' || d == '\u2019') {
                    if (stem < 0) {
                        stem = len;
                    }
                } else {
                    break;
                }
                i++;
            }
            if (stats) {
                tokens += digits ? (len + 2) / 3 : 1 + len / 9;
                boolean number = c >= '0' && c <= '9';
                int nameLen = stem > 0 ? stem : len;
                boolean name = !first && Character.isUpperCase(c) && nameLen > 1
                        && Character.isLowerCase(text.charAt(start + 1));
                if (number || name) {
                    String fact = new String(word, 0, nameLen);
                    if (number || !STOP_WORDS.contains(fact)) {
                        if (factCount == facts.length) {
                            facts = Arrays.copyOf(facts, factCount * 2);
                        }
                        facts[factCount++] = id(factIds, fact, true);
                    }
                }
                first = false;
            }
            // a stop word is one before stemming: "this" and "being" must not become "thi" and "be"
            if (STOP_WORDS.contains(new String(word, 0, len))) {
                continue;
            }
            len = Stemmer.stem(word, len);
            String term = len > 1 ? new String(word, 0, len) : null;
            if (term != null && !STOP_WORDS.contains(term) && !(query && TASK.contains(term))) {
                int id = id(ids, term, learn);
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

    /** A letter or digit; ASCII without the Unicode tables. */
    private static boolean isWordChar(char c) {
        return c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                : Character.isLetterOrDigit(c);
    }

    /** Terms of a query: only words that occur in the text count (the others cannot score); the vocabulary is not
     * changed, so one text can be asked many questions. */
    int[] ofQuery(String query) {
        if (query == null || query.isBlank()) {
            return new int[0];
        }
        return Arrays.stream(of(query, 0, query.length(), true, false, false)).distinct().toArray();
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

    /** The word's id in a table, added when {@code learn} and new; -1 when not known and not learnt. */
    private static int id(Map<String, Integer> table, String word, boolean learn) {
        Integer id = learn ? table.computeIfAbsent(word, w -> table.size()) : table.get(word);
        return id == null ? -1 : id;
    }
}
