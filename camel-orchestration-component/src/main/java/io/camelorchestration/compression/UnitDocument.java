package io.camelorchestration.compression;

import java.util.List;

/**
 * A text split into units with what the selectors need about each: its terms, its estimated tokens, its names and
 * figures, whether it holds a protected span, and the document frequencies of the terms. Built once per compression call, then discarded.
 */
final class UnitDocument {

    final String text;
    final List<TextUnits.Unit> units;
    final Terms vocabulary = new Terms();
    final int[][] terms;
    final int[][] facts;
    private final int[] tokens;
    final int[] df;
    final double avgLength;

    private UnitDocument(String text) {
        this.text = text;
        this.units = TextUnits.split(text);
        this.terms = new int[units.size()][];
        this.facts = new int[units.size()][];
        this.tokens = new int[units.size()];
        long total = 0;
        for (int i = 0; i < terms.length; i++) {
            TextUnits.Unit u = units.get(i);
            terms[i] = vocabulary.ofUnit(text, u.start(), u.end());
            facts[i] = vocabulary.lastFacts();
            tokens[i] = Math.max(1, vocabulary.lastTokens());
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

    /** The last document built on this thread: de-duplication and selection usually see the same string. */
    private static final ThreadLocal<UnitDocument> LAST = new ThreadLocal<>();

    /** Lets go of the last document, so a pooled thread does not keep a large input alive. */
    static void forget() {
        LAST.remove();
    }

    static UnitDocument of(String text) {
        UnitDocument last = LAST.get();
        if (last != null && last.text == text) {
            return last;
        }
        UnitDocument doc = new UnitDocument(text);
        LAST.set(doc);
        return doc;
    }

    int size() {
        return units.size();
    }

    String unit(int i) {
        return units.get(i).of(text);
    }

    /** Estimated tokens of each unit (see {@link Terms#lastTokens()}); the array is shared, do not change it. */
    int[] tokens() {
        return tokens;
    }

    /** Units that overlap a protected span; a span across two units (a quotation of several sentences) marks both. */
    boolean[] protectedUnits() {
        boolean[] p = new boolean[units.size()];
        int u = 0;
        for (ProtectedSpans.Span s : spans()) {
            while (u < p.length && units.get(u).end() <= s.start()) {
                u++;
            }
            for (int k = u; k < p.length && units.get(k).start() < s.end(); k++) {
                p[k] = true;
            }
        }
        return p;
    }

    private List<ProtectedSpans.Span> spans;

    /** The protected spans of the whole text, found once: de-duplication and selection both ask. */
    List<ProtectedSpans.Span> spans() {
        if (spans == null) {
            spans = ProtectedSpans.detector().find(text);
        }
        return spans;
    }

    /** Units that a protected span starts before or ends after: dropping one would cut the span. */
    boolean[] crossedBySpans() {
        boolean[] p = new boolean[units.size()];
        int u = 0;
        for (ProtectedSpans.Span s : spans()) {
            while (u < p.length && units.get(u).end() <= s.start()) {
                u++;
            }
            for (int k = u; k < p.length && units.get(k).start() < s.end(); k++) {
                TextUnits.Unit unit = units.get(k);
                if (s.start() < unit.start() || s.end() > unit.end()) {
                    p[k] = true;
                }
            }
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
