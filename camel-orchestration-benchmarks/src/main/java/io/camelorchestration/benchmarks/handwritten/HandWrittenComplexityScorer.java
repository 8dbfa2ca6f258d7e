package io.camelorchestration.benchmarks.handwritten;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.route.Complexity;
import io.camelorchestration.route.ComplexityFeature;

/**
 * The component's complexity scorer as it was before issue 15: each pattern guarded by a hand-written scan that
 * mirrors it. Kept for {@code TextLibrariesBenchmark}, side by side with the patterns alone; the code of that
 * commit, only renamed.
 */
public final class HandWrittenComplexityScorer {

    /** Above this many input tokens a step needs more than a small model. */
    public static final int LONG_INPUT_TOKENS = 16_000;

    // each pattern opens with a look-ahead at the first characters its matches can start with: the same matches,
    // but most positions of a text are given up after one character instead of trying every alternative there

    // lines only code has: declarations, imports, statements ending in ';', SQL
    private static final Pattern CODE_LINE = Pattern.compile(
            "(?=^|S)(?:^\\s*(?:def|class|function|func|fn|interface|struct)\\s+\\w+[^\\n]*[:({]\\s*$"
                    + "|^\\s*(?:public|private|protected)\\s+[\\w<>\\[\\], ]+[({]"
                    + "|^\\s*(?:import|package)\\s+\\w+(?:\\.[\\w*]+)+;?\\s*$"
                    + "|^\\s*from\\s+[\\w.]+\\s+import\\s+\\w+"
                    + "|^\\s*#include\\s*[<\"]|^\\s*using\\s+[\\w.]+;\\s*$"
                    + "|^[^\\n]*[)\\w\\]\"']\\s*;\\s*$"
                    + "|\\bSELECT\\s+[\\w*, .]+\\s+FROM\\s+\\w+)",
            Pattern.MULTILINE);
    private static final int CODE_LINES = 2;
    private static final Pattern MATH = Pattern.compile(
            "(?=[pdetlsPDETLS\\\\0-9])(?:\\b(?:prove|derive|derivation|equations?|theorem|lemma|solve for)\\b"
                    + "|\\\\(?:frac|sum|int|sqrt)\\b"
                    + "|\\d\\s*[*×÷^]\\s*\\d|\\d\\s+[+/=]\\s+\\d)",
            Pattern.CASE_INSENSITIVE);
    // a question mark that ends a sentence, not one inside a URL
    private static final Pattern QUESTION = Pattern.compile("\\?(?=\\s|$|[\"')\\]])");
    private static final int SEVERAL_QUESTIONS = 3;
    private static final Pattern LONG_FORM = Pattern.compile(
            "(?=[wdcpgWDCPG0-9])(?:\\b(?:write|draft|compose|produce|create|generate|prepare)\\b[^.?!\\n]{0,40}?"
                    + "\\b(?:essay|article|report|blog post|white ?paper|story|chapter|detailed|in-depth|in depth"
                    + "|comprehensive|thorough|long-form)\\b"
                    + "|\\b\\d+\\s+pages?\\s+(?:long|essay|report)\\b)",
            Pattern.CASE_INSENSITIVE);

    // "800 words" asks for long-form writing; "under 100 words" or "at most 600 words" asks for the opposite
    private static final Pattern WORD_COUNT = Pattern.compile(
            "\\b(under|less than|fewer than|at most|up to|no more than|max(?:imum)?|within)?\\s*(\\d{3,5})[- ]words?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final int LONG_FORM_WORDS = 500;
    // the characters each scan below stops at, all rare in prose: one table look-up per character is a test the
    // processor guesses right nearly always, where comparing with letters and spaces in turn is guessed wrong at
    // every few characters of prose
    private static final boolean[] CODE_ANCHORS = asciiSet(";S\n\r");
    private static final boolean[] MATH_ANCHORS = asciiSet("\\0123456789vVqQmM");
    private static final boolean[] LONG_FORM_ANCHORS = asciiSet("0123456789wWfFcCpPgG");

    /** Features are looked for in this much text; a longer input is a feature of its own. */
    private static final int SCAN_CHARS = 100_000;

    private static final double W_CODE = 0.5;
    private static final double W_MATH = 0.45;
    private static final double W_QUESTIONS = 0.4;
    private static final double W_LONG_FORM = 0.4;
    private static final double W_LONG_INPUT = 0.4;

    /** The input's complexity, from the text alone. */
    public double score(String input, int inputTokens) {
        return assess(null, input, inputTokens).score();
    }

    /**
     * @param instruction the step's instruction or description (where long-form writing is asked for), may be null
     * @param input       the text the model will read, may be null
     */
    public Complexity assess(String instruction, String input, int inputTokens) {
        Set<ComplexityFeature> found = EnumSet.noneOf(ComplexityFeature.class);
        String in = input == null ? "" : input.length() > SCAN_CHARS ? input.substring(0, SCAN_CHARS) : input;
        String ask = instruction == null ? "" : instruction;
        if (isCode(in)) {
            found.add(ComplexityFeature.CODE);
        }
        if (hasMath(in) || hasMath(ask)) {
            found.add(ComplexityFeature.MATH);
        }
        if (hasSeveralQuestions(in)) {
            found.add(ComplexityFeature.SEVERAL_QUESTIONS);
        }
        if (asksForLongForm(ask) || asksForLongForm(in) || asksForManyWords(ask) || asksForManyWords(in)) {
            found.add(ComplexityFeature.LONG_FORM);
        }
        if (inputTokens > LONG_INPUT_TOKENS) {
            found.add(ComplexityFeature.LONG_INPUT);
        }
        if (found.isEmpty()) {
            return Complexity.NONE;
        }
        double s = 0;
        for (ComplexityFeature f : found) {
            s += weight(f);
        }
        return new Complexity(found, Math.min(1.0, s));
    }

    private static double weight(ComplexityFeature f) {
        switch (f) {
            case CODE:
                return W_CODE;
            case MATH:
                return W_MATH;
            case SEVERAL_QUESTIONS:
                return W_QUESTIONS;
            case LONG_FORM:
                return W_LONG_FORM;
            default:
                return W_LONG_INPUT;
        }
    }

    // The patterns below stay the definition of each feature. Each is guarded by a hand-written scan that only proves
    // a match impossible: prose rarely holds any feature, and a full regex scan of a long document costs many times
    // what one pass over its characters does. A scan may call a place a candidate too often, never too rarely.

    private static boolean isCode(String in) {
        // two matches are two disjoint spans, each holding a place codeLineAnchors counts, so fewer places mean
        // fewer than two matches
        return in.contains("```") || in.contains("~~~")
                || codeLineAnchors(in, CODE_LINES) >= CODE_LINES && count(CODE_LINE, in, CODE_LINES) >= CODE_LINES;
    }

    private static boolean hasMath(String s) {
        return matchesAtAnchors(MATH, s, MATH_ANCHORS, HandWrittenComplexityScorer::mathStartAround);
    }

    private static boolean hasSeveralQuestions(String in) {
        return questionMarks(in, SEVERAL_QUESTIONS) >= SEVERAL_QUESTIONS
                && count(QUESTION, in, SEVERAL_QUESTIONS) >= SEVERAL_QUESTIONS;
    }

    private static boolean asksForLongForm(String s) {
        return matchesAtAnchors(LONG_FORM, s, LONG_FORM_ANCHORS, HandWrittenComplexityScorer::longFormStartAround);
    }

    /** Where a match of a pattern would start that is found by the character at i, or -1 if none can be. */
    @FunctionalInterface
    private interface MatchStart {
        int around(String s, int i);
    }

    /**
     * Whether the pattern matches anywhere in s. Every match holds an anchor character by which {@code start} finds
     * where the match starts, so trying the pattern at those places alone decides as find() does.
     */
    private static boolean matchesAtAnchors(Pattern p, String s, boolean[] anchors, MatchStart start) {
        Matcher m = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int at = c < 128 && anchors[c] ? start.around(s, i) : -1;
            if (at >= 0) {
                m = m == null ? p.matcher(s) : m;
                if (matchesAt(m, at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether m's pattern matches starting at i, as find() would try there: the bounds of a region starting at i are
     * made transparent and not anchoring, so {@code \b} and {@code ^} still see the text before i. Trying every place
     * a match can start is thus the same as find() over the whole text.
     */
    private static boolean matchesAt(Matcher m, int i) {
        return m.useTransparentBounds(true).useAnchoringBounds(false).region(i, m.regionEnd()).lookingAt();
    }

    private static boolean asksForManyWords(String s) {
        // a match's limit word ("under", "at most") may stand far before its number, so the matches are walked from
        // the start as before, once a number of words is known to be there
        if (!mayCountWords(s)) {
            return false;
        }
        Matcher m = WORD_COUNT.matcher(s);
        while (m.find()) {
            if (m.group(1) == null && Integer.parseInt(m.group(2)) >= LONG_FORM_WORDS) {
                return true;
            }
        }
        return false;
    }

    /**
     * Up to {@code enough} places a {@link #CODE_LINE} match needs one of, each inside the match: a keyword that only
     * {@code \s} separates from a line start, a ';' that only {@code \s} separates from a line end, or "SELECT".
     */
    private static int codeLineAnchors(String s, int enough) {
        // '^' holds at the start and after every line terminator (MULTILINE), and the '\s*' after it may cross blank
        // lines, since \n and \r are \s; so a keyword may open a match where only blanks separate it from the start
        // or from the last terminator before it, which counts it once
        int n = startsCodeKeyword(s, skipBlanks(s, 0)) ? 1 : 0;
        for (int i = 0; i < s.length() && n < enough; i++) {
            char c = s.charAt(i);
            if (c < 128 && !CODE_ANCHORS[c]) {
                continue;
            }
            if (c == ';' ? endsLine(s, i + 1)
                    : c == 'S' ? startsWithSpaceAfter(s, i, "SELECT")
                    : isLineTerminator(c) && startsCodeKeyword(s, skipBlanks(s, i + 1))) {
                n++;
            }
        }
        return n;
    }

    /** Whether MULTILINE {@code \s*$} can match at i: blanks, then a line terminator or the end. */
    private static boolean endsLine(String s, int i) {
        int end = skipBlanks(s, i);
        return end == s.length() || isLineTerminator(s.charAt(end));
    }

    /** The keywords {@link #CODE_LINE} wants first on a line, case-sensitive as the pattern is. */
    private static boolean startsCodeKeyword(String s, int i) {
        if (i >= s.length()) {
            return false;
        }
        switch (s.charAt(i)) {
            case 'd':
                return startsWithSpaceAfter(s, i, "def");
            case 'c':
                return startsWithSpaceAfter(s, i, "class");
            case 'f':
                return startsWithSpaceAfter(s, i, "function") || startsWithSpaceAfter(s, i, "func")
                        || startsWithSpaceAfter(s, i, "fn") || startsWithSpaceAfter(s, i, "from");
            case 'i':
                return startsWithSpaceAfter(s, i, "interface") || startsWithSpaceAfter(s, i, "import");
            case 's':
                return startsWithSpaceAfter(s, i, "struct");
            case 'p':
                return startsWithSpaceAfter(s, i, "public") || startsWithSpaceAfter(s, i, "private")
                        || startsWithSpaceAfter(s, i, "protected") || startsWithSpaceAfter(s, i, "package");
            case 'u':
                return startsWithSpaceAfter(s, i, "using");
            case '#':
                return s.startsWith("#include", i);
            default:
                return false;
        }
    }

    /** Every keyword of {@link #CODE_LINE} but #include is followed by {@code \s+}. */
    private static boolean startsWithSpaceAfter(String s, int i, String word) {
        int end = i + word.length();
        return s.startsWith(word, i) && end < s.length() && isRegexSpace(s.charAt(end));
    }

    /**
     * Where a {@link #MATH} match would start that is found by the character at i, or -1 if none can be. A backslash
     * or a digit opens its match; a word is found by its v, q or m (any case), letters prose has few of. Words found
     * by the same letter differ in the letters before it, so at most one of them fits.
     */
    private static int mathStartAround(String s, int i) {
        switch (s.charAt(i)) {
            case '\\':
                return i;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
                return startsArithmetic(s, i) ? i : -1;
            case 'v': case 'V':
                return isWordAt(s, i - 3, "prove") || isWordAt(s, i - 3, "solve for") ? i - 3
                        : isWordAt(s, i - 4, "derive") || isWordAt(s, i - 4, "derivation") ? i - 4 : -1;
            case 'q': case 'Q':
                return isWordAt(s, i - 1, "equation") || isWordAt(s, i - 1, "equations") ? i - 1 : -1;
            case 'm': case 'M':
                return isWordAt(s, i - 6, "theorem") ? i - 6 : isWordAt(s, i - 2, "lemma") ? i - 2 : -1;
            default:
                return -1;
        }
    }

    /** {@code \d\s*[*×÷^]\s*\d} or {@code \d\s+[+/=]\s+\d} at i, a digit. */
    private static boolean startsArithmetic(String s, int i) {
        int op = skipSpace(s, i + 1);
        if (op == s.length()) {
            return false;
        }
        char c = s.charAt(op);
        boolean spaced;
        if (c == '*' || c == '×' || c == '÷' || c == '^') {
            spaced = false;
        } else if (c == '+' || c == '/' || c == '=') {
            spaced = true;
        } else {
            return false;
        }
        int next = skipSpace(s, op + 1);
        return (!spaced || op > i + 1 && next > op + 1) && next < s.length() && isDigit(s.charAt(next));
    }

    /**
     * Where a {@link #LONG_FORM} match would start that is found by the character at i, or -1 if none can be: a count
     * of pages by its first digit, a verb asking for writing by its first letter, or "draft" by its f, the letters
     * being w, f, c, p and g.
     */
    private static int longFormStartAround(String s, int i) {
        switch (s.charAt(i)) {
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
                return startsPageCount(s, i) ? i : -1;
            case 'w': case 'W':
                return isWordAt(s, i, "write") ? i : -1;
            case 'f': case 'F':
                return isWordAt(s, i - 3, "draft") ? i - 3 : -1;
            case 'c': case 'C':
                return isWordAt(s, i, "compose") || isWordAt(s, i, "create") ? i : -1;
            case 'p': case 'P':
                return isWordAt(s, i, "produce") || isWordAt(s, i, "prepare") ? i : -1;
            case 'g': case 'G':
                return isWordAt(s, i, "generate") ? i : -1;
            default:
                return -1;
        }
    }

    /** {@code \b\d+\s+page} at i, a digit: the whole run of digits, as {@code \d+\s+} leaves no other split. */
    private static boolean startsPageCount(String s, int i) {
        if (i > 0 && isAsciiWordChar(s.charAt(i - 1))) {
            return false;
        }
        int end = i;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        int page = skipSpace(s, end);
        return page > end && regionMatchesAscii(s, page, "page");
    }

    /** Whether three or more digits stand before '-' or ' ' and "word", as in every {@link #WORD_COUNT} match. */
    private static boolean mayCountWords(String s) {
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                digits++;
            } else {
                if (digits >= 3 && (c == '-' || c == ' ') && regionMatchesAscii(s, i + 1, "word")) {
                    return true;
                }
                digits = 0;
            }
        }
        return false;
    }

    /** Up to {@code enough} '?' that {@link #QUESTION} may take: before {@code \s}, a line end, the end or a closer. */
    private static int questionMarks(String s, int enough) {
        int n = 0;
        for (int i = s.indexOf('?'); i >= 0 && n < enough; i = s.indexOf('?', i + 1)) {
            if (i + 1 == s.length()) {
                n++;
            } else {
                char c = s.charAt(i + 1);
                if (isRegexSpace(c) || isLineTerminator(c) || c == '"' || c == '\'' || c == ')' || c == ']') {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Whether a case-insensitive {@code \bword\b} can match at i. A letter, digit or '_' in ASCII beside the word rules
     * a boundary out under any reading of {@code \b}; anything else is left for the pattern to judge.
     */
    private static boolean isWordAt(String s, int i, String word) {
        int end = i + word.length();
        return regionMatchesAscii(s, i, word) && (i == 0 || !isAsciiWordChar(s.charAt(i - 1)))
                && (end == s.length() || !isAsciiWordChar(s.charAt(end)));
    }

    /**
     * Whether {@code lower} (lower case ASCII) stands at i as CASE_INSENSITIVE without UNICODE_CASE matches it: only
     * ASCII letters fold, unlike {@link String#regionMatches(boolean, int, String, int, int)}.
     */
    private static boolean regionMatchesAscii(String s, int i, String lower) {
        if (i < 0 || i + lower.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            if (lowerAscii(s.charAt(i + k)) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isRegexSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A word character for {@code \b} in any Java version: Java 17 adds other letters and digits, later ones don't. */
    private static boolean isAsciiWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_';
    }

    /** {@code \s} without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** {@code \s} but the line terminators \n and \r. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f';
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean[] asciiSet(String chars) {
        boolean[] set = new boolean[128];
        for (int i = 0; i < chars.length(); i++) {
            set[chars.charAt(i)] = true;
        }
        return set;
    }

    private static int count(Pattern p, String s, int enough) {
        int n = 0;
        Matcher m = p.matcher(s);
        while (n < enough && m.find()) {
            n++;
        }
        return n;
    }
}
