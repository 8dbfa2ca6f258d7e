package io.camelorchestration.compression;

import java.util.List;

import io.camelorchestration.tokens.TokenCounter;

/**
 * A text split into units with what the selectors need about each: its terms, its tokens, whether it holds a
 * protected span, and the document frequencies of the terms. Built once per compression call, then discarded.
 */
final class UnitDocument {

    final String text;
    final List<TextUnits.Unit> units;
    final Terms vocabulary = new Terms();
    final int[][] terms;
    final int[] df;
    final double avgLength;

    private UnitDocument(String text) {
        this.text = text;
        this.units = TextUnits.split(text);
        this.terms = new int[units.size()][];
        long total = 0;
        for (int i = 0; i < terms.length; i++) {
            TextUnits.Unit u = units.get(i);
            terms[i] = vocabulary.of(text, u.start(), u.end(), false);
            total += terms[i].length;
        }
        this.avgLength = terms.length == 0 ? 0 : (double) total / terms.length;
        this.df = new int[vocabulary.size()];
        int[] seen = new int[df.length];
        for (int i = 0; i < terms.length; i++) {
            for (int t : terms[i]) {
                if (seen[t] != i + 1) {
                    seen[t] = i + 1;
                    df[t]++;
                }
            }
        }
    }

    static UnitDocument of(String text) {
        return new UnitDocument(text);
    }

    int size() {
        return units.size();
    }

    String unit(int i) {
        return units.get(i).of(text);
    }

    int[] tokens(TokenCounter counter, String encoding) {
        int[] tokens = new int[units.size()];
        for (int i = 0; i < tokens.length; i++) {
            TextUnits.Unit u = units.get(i);
            tokens[i] = Math.max(1, counter.count(text.substring(u.start(), u.end()), encoding));
        }
        return tokens;
    }

    boolean[] protectedUnits() {
        boolean[] p = new boolean[units.size()];
        ProtectedSpans spans = ProtectedSpans.detector();
        for (int i = 0; i < p.length; i++) {
            TextUnits.Unit u = units.get(i);
            p[i] = spans.containsAny(text.subSequence(u.start(), u.end()));
        }
        return p;
    }

    /** The kept units in their original order: neighbours keep the text between them, others get a space, a line
     * break or a blank line, as their positions in the original had. */
    String render(boolean[] keep) {
        StringBuilder out = new StringBuilder(text.length());
        int previous = -1;
        for (int i = 0; i < keep.length; i++) {
            if (!keep[i]) {
                continue;
            }
            TextUnits.Unit u = units.get(i);
            if (previous >= 0) {
                TextUnits.Unit p = units.get(previous);
                if (previous == i - 1) {
                    out.append(text, p.end(), u.start());
                } else if (p.block() != u.block()) {
                    out.append("\n\n");
                } else {
                    out.append(u.lineStart() ? "\n" : " ");
                }
            }
            out.append(text, u.start(), u.end());
            previous = i;
        }
        return out.toString();
    }
}
