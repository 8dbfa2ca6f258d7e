package io.camelorchestration.routing;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores how hard an input is from features that cost nothing to find: code, math, several questions at once,
 * long-form writing asked for, and sheer length. Each is looked for conservatively, because a false alarm sends a
 * simple step to a dearer model: JSON is not code, a date is not arithmetic, a URL's query string is not a question,
 * and a document that mentions a report does not ask for one.
 */
public final class ComplexityScorer {

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
        if (MATH.matcher(in).find() || MATH.matcher(ask).find()) {
            found.add(ComplexityFeature.MATH);
        }
        if (in.indexOf('?') >= 0 && count(QUESTION, in, SEVERAL_QUESTIONS) >= SEVERAL_QUESTIONS) {
            found.add(ComplexityFeature.SEVERAL_QUESTIONS);
        }
        if (LONG_FORM.matcher(ask).find() || LONG_FORM.matcher(in).find() || asksForManyWords(ask)
                || asksForManyWords(in)) {
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

    private static boolean isCode(String in) {
        return in.contains("```") || in.contains("~~~") || count(CODE_LINE, in, CODE_LINES) >= CODE_LINES;
    }

    private static boolean asksForManyWords(String s) {
        if (!containsWord(s)) {
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

    /** Whether "word" stands anywhere in the text, in any case: every match of {@link #WORD_COUNT} holds it. */
    private static boolean containsWord(String s) {
        for (int i = s.length() - 4; i >= 0; i--) {
            if (s.regionMatches(true, i, "word", 0, 4)) {
                return true;
            }
        }
        return false;
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
