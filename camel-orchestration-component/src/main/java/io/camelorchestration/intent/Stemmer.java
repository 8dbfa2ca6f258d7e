package io.camelorchestration.intent;

/**
 * A light English stemmer for cue matching: folds plurals, -ing/-ed forms, -ation nouns, British -ise spellings and a
 * final e, so "summarise", "summarized" and "summarizing" meet "summarize", and "merges", "merged" and "merging" meet
 * "merge". Cue words and step words go through the same function, so a stem only has to be consistent, not a real word;
 * this is cheaper and more predictable than a full Porter stemmer for the short texts steps are described with.
 */
final class Stemmer {

    private static final String[] ISE = {"isation", "ising", "ised", "ise"};

    private Stemmer() {
    }

    static String stem(String word) {
        String w = word;
        if (w.length() <= 3) {
            return w;
        }
        w = plural(w);
        w = britishIse(w);
        w = suffix(w);
        if (w.length() > 3 && w.endsWith("e")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static String plural(String w) {
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** summarise -> summarize, normalisation -> normalization; short words (raise, wise) are left alone. */
    private static String britishIse(String w) {
        if (w.length() < 8) {
            return w;
        }
        for (String s : ISE) {
            if (w.endsWith(s)) {
                return w.substring(0, w.length() - s.length()) + "iz" + s.substring(2);
            }
        }
        return w;
    }

    private static String suffix(String w) {
        if (w.endsWith("ied") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("tion") || w.endsWith("sion")) {
            // validation -> validat(e), conversion -> convers(e)
            return w.substring(0, w.length() - 3);
        }
        if (w.endsWith("ing")) {
            return undouble(strip(w, 3));
        }
        if (w.endsWith("ed") && !w.endsWith("eed")) {
            return undouble(strip(w, 2));
        }
        return w;
    }

    /** Strips a suffix only when a real stem (three letters or more, with a vowel) is left: "string", "need" stay. */
    private static String strip(String w, int n) {
        String rest = w.substring(0, w.length() - n);
        if (rest.length() < 3 || !hasVowel(rest)) {
            return w;
        }
        return rest;
    }

    /** mapping -> map, dropped -> drop; fill, pass and buzz keep their double letter. */
    private static String undouble(String w) {
        int n = w.length();
        if (n >= 4 && w.charAt(n - 1) == w.charAt(n - 2)) {
            char c = w.charAt(n - 1);
            if (c != 'l' && c != 's' && c != 'z' && !isVowel(c)) {
                return w.substring(0, n - 1);
            }
        }
        return w;
    }

    private static boolean hasVowel(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isVowel(s.charAt(i)) || s.charAt(i) == 'y') {
                return true;
            }
        }
        return false;
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }
}
