package io.camelorchestration.classify;

import java.util.Arrays;
import java.util.List;

import io.camelorchestration.text.Stemmer;

/**
 * One piece of evidence for an intent: a word, a phrase ("key points"), or a split phrase ("turn .. into", up to
 * {@link #GAP} words between its ends), stemmed once when the vocabulary is built. A lead-only cue counts only as the
 * first word of a text ("is", "should": a yes/no question). An idiom has no intent: it takes its words from other cues
 * and counts for nothing.
 */
record Cue(Intent intent, String[] stems, boolean split, boolean leadOnly, double weight) {

    /** How many words a split phrase may hold between its two ends. */
    static final int GAP = 4;

    static Cue parse(Intent intent, String spec, double weight) {
        boolean leadOnly = spec.startsWith("^");
        String s = leadOnly ? spec.substring(1) : spec;
        boolean split = s.contains(" .. ");
        String[] parts = (split ? s.replace(" .. ", " ") : s).trim().split("\\s+");
        String[] stems = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            stems[i] = Stemmer.stem(parts[i].toLowerCase(java.util.Locale.ROOT));
        }
        if (split && stems.length != 2) {
            throw new IllegalArgumentException("a split cue has two ends: " + spec);
        }
        return new Cue(intent, stems, split, leadOnly, weight);
    }

    boolean isPhrase() {
        return stems.length > 1;
    }

    /**
     * Where this phrase matches starting at word {@code i}: the index of its last word, or -1. Words already taken by
     * a longer phrase, negated words and words of another clause break a match.
     */
    int matchAt(List<Words.Word> words, boolean[] taken, int i) {
        Words.Word first = words.get(i);
        if (taken[i] || first.negated() || !first.stem().equals(stems[0])) {
            return -1;
        }
        if (split) {
            for (int j = i + 1; j < words.size() && j <= i + GAP + 1; j++) {
                Words.Word w = words.get(j);
                if (w.clause() != first.clause()) {
                    return -1;
                }
                if (!taken[j] && !w.negated() && w.stem().equals(stems[1])) {
                    return j;
                }
            }
            return -1;
        }
        if (i + stems.length > words.size()) {
            return -1;
        }
        for (int k = 1; k < stems.length; k++) {
            Words.Word w = words.get(i + k);
            if (taken[i + k] || w.negated() || w.clause() != first.clause() || !w.stem().equals(stems[k])) {
                return -1;
            }
        }
        return i + stems.length - 1;
    }

    @Override
    public String toString() {
        return (intent == null ? "idiom" : intent.id()) + ":" + String.join(split ? " .. " : " ", Arrays.asList(stems)) + "=" + weight;
    }
}
