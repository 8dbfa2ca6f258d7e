package io.camelorchestration.compress.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a text into the units that selection and de-duplication keep or drop: sentences within paragraphs, lines
 * of lists and tables, and whole code blocks. Units are ranges of the original text, so what is kept is kept
 * byte for byte. Rule-based and deterministic: a period after a known abbreviation or a single initial does not end
 * a sentence; a line break ends one when the line is short, ends a sentence, or the next line starts a list item.
 */
public final class TextUnits {

    /** {@code [start, end)} of the text; {@code block} counts blank-line separated blocks, {@code lineStart} tells
     * whether the unit begins a line. */
    public record Unit(int start, int end, int block, boolean lineStart) {

        public String of(String text) {
            return text.substring(start, end);
        }
    }

    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "co",
            "corp", "ltd", "vs", "etc", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "prof", "no", "jan",
            "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft", "rev", "hon", "pres", "ave",
            "blvd", "dept", "univ", "assn", "bros", "fig", "vol", "pp", "cf", "al", "approx", "est", "messrs", "mme",
            "gov't", "adm", "maj", "cmdr", "supt", "atty", "e.g", "i.e", "a.m", "p.m", "u.s", "u.n");

    /** Lines shorter than this end their unit: headings, list items, signature lines. */
    private static final int SHORT_LINE = 50;

    private TextUnits() {
    }

    public static List<Unit> split(String text) {
        List<Unit> units = new ArrayList<>();
        int n = text.length();
        int block = 0;
        int i = 0;
        // skip leading white space
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        boolean lineStart = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '`' && text.startsWith("```", i) && i == start) {
                int close = text.indexOf("```", i + 3);
                int end = close < 0 ? n : close + 3;
                units.add(new Unit(start, end, block, lineStart));
                i = end;
                int next = skipSpace(text, i);
                boolean blank = countNewlines(text, i, next) >= 2;
                block += blank ? 1 : 0;
                lineStart = countNewlines(text, i, next) >= 1;
                start = i = next;
                continue;
            }
            if (c == '\n') {
                int next = skipSpace(text, i);
                int newlines = countNewlines(text, i, next);
                if (newlines >= 2 || next >= n || endsLine(text, start, i, next)) {
                    addTrimmed(units, text, start, i, block, lineStart);
                    if (newlines >= 2) {
                        block++;
                    }
                    lineStart = true;
                    start = i = next;
                    continue;
                }
                i++;
                continue;
            }
            if ((c == '.' || c == '!' || c == '?') && endsSentence(text, start, i)) {
                int end = i + 1;
                while (end < n && isCloser(text.charAt(end))) {
                    end++;
                }
                if (end < n && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                    int next = end;
                    while (next < n && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
                        next++;
                    }
                    if (next < n && startsSentence(text.charAt(next))) {
                        addTrimmed(units, text, start, end, block, lineStart);
                        lineStart = false;
                        start = i = next;
                        continue;
                    }
                }
                i = end;
                continue;
            }
            i++;
        }
        if (start < n) {
            addTrimmed(units, text, start, n, block, lineStart);
        }
        return units;
    }

    private static void addTrimmed(List<Unit> units, String text, int start, int end, int block, boolean lineStart) {
        int e = end;
        while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (e > start) {
            units.add(new Unit(start, e, block, lineStart));
        }
    }

    private static int skipSpace(String text, int i) {
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int countNewlines(String text, int from, int to) {
        int c = 0;
        for (int k = from; k < to; k++) {
            if (text.charAt(k) == '\n') {
                c++;
            }
        }
        return c;
    }

    /** A single line break ends the unit unless the line looks wrapped in the middle of a sentence. */
    private static boolean endsLine(String text, int unitStart, int newline, int next) {
        int lineStart = text.lastIndexOf('\n', newline - 1) + 1;
        int ls = Math.max(lineStart, unitStart);
        int e = newline;
        while (e > ls && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (e == ls || newline - lineStart < SHORT_LINE) {
            return true;
        }
        char last = text.charAt(e - 1);
        if (".!?:;\"')]}\u201D|".indexOf(last) >= 0) {
            return true;
        }
        char first = text.charAt(next);
        return !Character.isLetterOrDigit(first) || first == '>' || startsListItem(text, next);
    }

    private static boolean startsListItem(String text, int i) {
        int n = text.length();
        int k = i;
        while (k < n && Character.isDigit(text.charAt(k))) {
            k++;
        }
        return k > i && k < n && (text.charAt(k) == '.' || text.charAt(k) == ')');
    }

    private static boolean endsSentence(String text, int unitStart, int dot) {
        if (text.charAt(dot) != '.') {
            return true;
        }
        // decimal numbers, versions, domains: "3.5", "v1.2", "example.com"
        if (dot + 1 < text.length() && Character.isLetterOrDigit(text.charAt(dot + 1))) {
            return false;
        }
        int w = dot;
        while (w > unitStart && !Character.isWhitespace(text.charAt(w - 1)) && text.charAt(w - 1) != '(') {
            w--;
        }
        if (w == dot) {
            return true;
        }
        if (dot - w > 8) {
            return true; // longer than any abbreviation
        }
        String word = text.substring(w, dot);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return false; // an initial: "J. F. Kennedy"
        }
        if (w == unitStart && word.length() <= 3 && word.chars().allMatch(Character::isDigit)) {
            return false; // a section or list number: "1. Introduction"
        }
        String lower = word.toLowerCase(Locale.ROOT);
        return !ABBREVIATIONS.contains(lower) && !(lower.length() <= 4 && lower.indexOf('.') > 0);
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019';
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || c == '"' || c == '\'' || c == '(' || c == '['
                || c == '\u201C' || c == '\u2018' || c == '`' || c == '-' || c == '*';
    }
}
