package io.camelorchestration.compress.internal;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A text split into units with what the selectors need about each: its terms, its estimated tokens, its names and
 * figures, whether it holds a protected span, and the document frequencies of the terms. Built once per compression call, then discarded.
 */
public final class UnitDocument {

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
    public static void forget() {
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

    private int[][] termSets;

    /**
     * The distinct terms of a unit, sorted; made on first use and kept (near-repeat search compares each unit with
     * many others). Shared, do not change it.
     */
    int[] termSet(int i) {
        if (termSets == null) {
            termSets = new int[terms.length][];
        }
        int[] set = termSets[i];
        if (set == null) {
            set = terms[i].clone();
            Arrays.sort(set);
            int k = 0;
            for (int j = 0; j < set.length; j++) {
                if (j == 0 || set[j] != set[j - 1]) {
                    set[k++] = set[j];
                }
            }
            set = k == set.length ? set : Arrays.copyOf(set, k);
            termSets[i] = set;
        }
        return set;
    }

    String unit(int i) {
        return units.get(i).of(text);
    }

    /** The text of every unit, in order. */
    List<String> unitTexts() {
        return new java.util.AbstractList<>() {
            @Override
            public String get(int i) {
                return unit(i);
            }

            @Override
            public int size() {
                return units.size();
            }
        };
    }

    /** Estimated tokens of each unit (see {@link Terms#lastTokens()}); the array is shared, do not change it. */
    int[] tokens() {
        return tokens;
    }

    // An instruction to the model inside the prompt ("Extract the fields as JSON.", "Summarize the e-mail below:"):
    // dropping it turns the step into another task, so selection always keeps it.
    private static final Pattern IMPERATIVE = Pattern.compile(
            "(?:please\\s+)?(?:extract|summari[sz]e|condense|write|draft|compose|generate|create|reply|respond|answer"
                    + "|classify|categori[sz]e|decide|determine|check|validate|verify|translate|convert|transform|list"
                    + "|return|give|provide|identify|find|pull|output|format|rewrite|tell|explain|describe|filter|select"
                    + "|enrich|combine|merge|aggregate)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANSWER_FORMAT = Pattern.compile(
            "\\b(?:as|in|into)\\s+(?:valid\\s+)?json\\b|\\b(?:respond|answer|reply)\\s+(?:with|in|only)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * Units that instruct the model: the opening unit, or a unit that begins a line, when it starts with a command or
     * names the answer's format.
     */
    boolean[] directives() {
        if (directives == null) {
            directives = findDirectives();
        }
        return directives.clone();
    }

    private boolean[] directives;

    private boolean[] findDirectives() {
        return findDirectives(text, units);
    }

    private static boolean[] findDirectives(String text, List<TextUnits.Unit> units) {
        boolean[] d = new boolean[units.size()];
        boolean any = false;
        java.util.regex.Matcher imperative = IMPERATIVE.matcher(text);
        java.util.regex.Matcher format = ANSWER_FORMAT.matcher(text);
        for (int i = 0; i < d.length; i++) {
            TextUnits.Unit u = units.get(i);
            if (i == 0 || u.lineStart()) {
                d[i] = imperative.region(u.start(), u.end()).lookingAt()
                        || namesFormatWord(text, u.start(), u.end()) && format.region(u.start(), u.end()).find()
                        || i == 0 && text.charAt(u.end() - 1) == '?';
                any |= d[i];
            }
        }
        // an instruction above the document usually runs on for a sentence or two ("Is it urgent? Answer yes or
        // no."): a short opening block that holds one is kept whole
        if (any && d.length > 1) {
            int block = units.get(0).block();
            int last = 0;
            while (last + 1 < d.length && units.get(last + 1).block() == block) {
                last++;
            }
            boolean holds = false;
            for (int i = 0; i <= last; i++) {
                holds |= d[i];
            }
            if (holds && units.get(last).end() - units.get(0).start() <= SHORT_OPENING_CHARS && last + 1 < d.length) {
                for (int i = 0; i <= last; i++) {
                    d[i] = true;
                }
            }
        }
        return d;
    }

    private static final int SHORT_OPENING_CHARS = 400;

    /** How far into a text {@link #instructionPrefixEnd} looks: an instruction above a document is short. */
    private static final int PREFIX_WINDOW_CHARS = 4_096;

    /**
     * Where the instruction above the document ends: past the opening units that are all directives (a command, an
     * answer format, an opening question, or the short opening block that holds one) and the white space after
     * them; 0 when the text does not open with one. That opening is the same in every message of a step, so a
     * provider's prompt cache holds it: the pipeline hands it on byte for byte and compresses only what follows.
     * Only the opening window is split, so this costs microseconds on any input.
     */
    public static int instructionPrefixEnd(String text) {
        boolean cut = text.length() > PREFIX_WINDOW_CHARS;
        String window = cut ? text.substring(0, PREFIX_WINDOW_CHARS) : text;
        List<TextUnits.Unit> units = TextUnits.split(window);
        boolean[] d = findDirectives(window, units);
        // the window's last unit may be cut short: never part of the prefix
        int usable = cut ? units.size() - 1 : units.size();
        int k = 0;
        while (k < usable && d[k]) {
            k++;
        }
        if (k == 0 || k == units.size()) {
            return 0; // no instruction, or nothing but instructions: nothing to set apart
        }
        int end = units.get(k - 1).end();
        while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return end;
    }

    /**
     * Whether the range holds, at the start of a word, a word every {@link #ANSWER_FORMAT} match holds (json,
     * respond, answer, reply; ASCII case-insensitive, as the pattern is): an unanchored find tries the whole pattern at
     * every character, this scan mostly one comparison.
     */
    private static boolean namesFormatWord(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = text.charAt(i) | 0x20;
            if ((c == 'j' || c == 'r' || c == 'a') && (i == from || !Character.isLetterOrDigit(text.charAt(i - 1)))
                    && (wordAt(text, i, "json") || wordAt(text, i, "respond") || wordAt(text, i, "reply")
                            || wordAt(text, i, "answer"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code word} (lower-case ASCII letters) at {@code i}, in either case: setting bit 5 folds only A-Z to a-z. */
    private static boolean wordAt(String text, int i, String word) {
        if (i + word.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((text.charAt(i + k) | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The text of the directive units, or null when the text holds none. */
    String directiveText() {
        boolean[] d = directives();
        StringBuilder sb = null;
        for (int i = 0; i < d.length; i++) {
            if (d[i]) {
                sb = sb == null ? new StringBuilder() : sb.append(' ');
                sb.append(text, units.get(i).start(), units.get(i).end());
            }
        }
        return sb == null ? null : sb.toString();
    }

    /** What no selector may drop: directives, and protected spans when the intent protects them. */
    boolean[] mandatory(boolean protectSpans) {
        boolean[] m = directives();
        if (protectSpans) {
            boolean[] p = protectedUnits();
            for (int i = 0; i < m.length; i++) {
                m[i] |= p[i];
            }
        }
        return m;
    }

    /** Units that overlap a protected span; a span across two units (a quotation of several sentences) marks both. */
    boolean[] protectedUnits() {
        return unitsUnderSpans(false);
    }

    /**
     * Marks each unit a protected span overlaps; with {@code crossedOnly}, only those the span starts before or ends
     * after. Spans and units are both in text order, so one walk serves.
     */
    private boolean[] unitsUnderSpans(boolean crossedOnly) {
        boolean[] p = new boolean[units.size()];
        int u = 0;
        for (ProtectedSpans.Span s : spans()) {
            while (u < p.length && units.get(u).end() <= s.start()) {
                u++;
            }
            for (int k = u; k < p.length && units.get(k).start() < s.end(); k++) {
                TextUnits.Unit unit = units.get(k);
                if (!crossedOnly || s.start() < unit.start() || s.end() > unit.end()) {
                    p[k] = true;
                }
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
        return unitsUnderSpans(true);
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
