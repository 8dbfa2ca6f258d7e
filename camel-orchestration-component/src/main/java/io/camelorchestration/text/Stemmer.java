package io.camelorchestration.text;

/**
 * The one light English stemmer of the engine, for the intent cues and for the compression's terms: folds plurals,
 * -ing/-ed forms, -ation nouns, British -ise spellings and a final e, so "summarise", "summarized" and "summarizing"
 * meet "summarize", "merges", "merged" and "merging" meet "merge", and "reports" and "report" are one term. Both
 * sides of every comparison go through the same function, so a stem only has to be consistent, not a real word;
 * this is cheaper and more predictable than a full Porter stemmer.
 *
 * <p>It works in place on lower-case characters ({@link #stem(char[], int)}): every rule leaves a word no longer than
 * it was, so a caller scanning a text into a buffer stems without a String per word.
 */
public final class Stemmer {

    private Stemmer() {
    }

    public static String stem(String word) {
        char[] w = word.toCharArray();
        return new String(w, 0, stem(w, w.length));
    }

    /** Stems the lower-case word {@code w[0, n)} in place; returns its new length. Words of three letters stay. */
    public static int stem(char[] w, int n) {
        if (n <= 3) {
            return n;
        }
        n = plural(w, n);
        n = britishIse(w, n);
        n = suffix(w, n);
        if (n > 3 && w[n - 1] == 'e') {
            n--;
        }
        return n;
    }

    /** entities -> entity, boxes -> box, reports -> report; class, status and analysis stay. */
    private static int plural(char[] w, int n) {
        if (n > 4 && endsWith(w, n, "ies")) {
            w[n - 3] = 'y';
            return n - 2;
        }
        if (endsWith(w, n, "sses") || endsWith(w, n, "ches") || endsWith(w, n, "shes") || endsWith(w, n, "xes")) {
            return n - 2;
        }
        if (w[n - 1] == 's' && !endsWith(w, n, "ss") && !endsWith(w, n, "us") && !endsWith(w, n, "is")) {
            return n - 1;
        }
        return n;
    }

    private static final String[] ISE = {"isation", "ising", "ised", "ise"};

    /** summarise -> summarize, normalisation -> normalization; short words (raise, wise) are left alone. */
    private static int britishIse(char[] w, int n) {
        if (n < 8) {
            return n;
        }
        for (String s : ISE) {
            if (endsWith(w, n, s)) {
                w[n - s.length() + 1] = 'z';
                return n;
            }
        }
        return n;
    }

    private static int suffix(char[] w, int n) {
        if (n > 4 && endsWith(w, n, "ied")) {
            w[n - 3] = 'y';
            return n - 2;
        }
        if (endsWith(w, n, "tion") || endsWith(w, n, "sion")) {
            return n - 3; // validation -> validat(e), conversion -> convers(e)
        }
        if (endsWith(w, n, "ing")) {
            return undouble(w, n, strip(w, n, 3));
        }
        if (endsWith(w, n, "ed") && !endsWith(w, n, "eed")) {
            return undouble(w, n, strip(w, n, 2));
        }
        return n;
    }

    /** Strips a suffix only when a real stem (three letters or more, with a vowel) is left: "string", "need" stay. */
    private static int strip(char[] w, int n, int suffix) {
        int rest = n - suffix;
        if (rest < 3 || !hasVowel(w, rest)) {
            return n;
        }
        return rest;
    }

    /** mapping -> map, dropped -> drop; fill, pass and buzz keep their double letter. Only after a strip. */
    private static int undouble(char[] w, int before, int n) {
        if (n != before && n >= 4 && w[n - 1] == w[n - 2]) {
            char c = w[n - 1];
            if (c != 'l' && c != 's' && c != 'z' && !isVowel(c)) {
                return n - 1;
            }
        }
        return n;
    }

    private static boolean hasVowel(char[] w, int n) {
        for (int i = 0; i < n; i++) {
            if (isVowel(w[i]) || w[i] == 'y') {
                return true;
            }
        }
        return false;
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
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
