package io.camelorchestration.benchmarks.handwritten;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.route.Complexity;
import io.camelorchestration.route.ComplexityFeature;
import io.camelorchestration.route.ComplexityScorer;

/**
 * The complexity scorer's patterns alone, every one run over the whole text (the reference of
 * ComplexityScorerDifferentialTest): what the scorer would be without the scans that guard its patterns, for
 * {@code TextLibrariesBenchmark}.
 */
public final class PatternsAloneScorer {

    private static final Pattern CODE_LINE = Pattern.compile(
            "(?=^|S)(?:^\\s*(?:def|class|function|func|fn|interface|struct)\\s+\\w+[^\\n]*[:({]\\s*$"
                    + "|^\\s*(?:public|private|protected)\\s+[\\w<>\\[\\], ]+[({]"
                    + "|^\\s*(?:import|package)\\s+\\w+(?:\\.[\\w*]+)+;?\\s*$"
                    + "|^\\s*from\\s+[\\w.]+\\s+import\\s+\\w+"
                    + "|^\\s*#include\\s*[<\"]|^\\s*using\\s+[\\w.]+;\\s*$"
                    + "|^[^\\n]*[)\\w\\]\"']\\s*;\\s*$"
                    + "|\\bSELECT\\s+[\\w*, .]+\\s+FROM\\s+\\w+)",
            Pattern.MULTILINE);
    private static final Pattern MATH = Pattern.compile(
            "(?=[pdetlsPDETLS\\\\0-9])(?:\\b(?:prove|derive|derivation|equations?|theorem|lemma|solve for)\\b"
                    + "|\\\\(?:frac|sum|int|sqrt)\\b"
                    + "|\\d\\s*[*×÷^]\\s*\\d|\\d\\s+[+/=]\\s+\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUESTION = Pattern.compile("\\?(?=\\s|$|[\"')\\]])");
    private static final Pattern LONG_FORM = Pattern.compile(
            "(?=[wdcpgWDCPG0-9])(?:\\b(?:write|draft|compose|produce|create|generate|prepare)\\b[^.?!\\n]{0,40}?"
                    + "\\b(?:essay|article|report|blog post|white ?paper|story|chapter|detailed|in-depth|in depth"
                    + "|comprehensive|thorough|long-form)\\b"
                    + "|\\b\\d+\\s+pages?\\s+(?:long|essay|report)\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD_COUNT = Pattern.compile(
            "\\b(under|less than|fewer than|at most|up to|no more than|max(?:imum)?|within)?\\s*(\\d{3,5})[- ]words?\\b",
            Pattern.CASE_INSENSITIVE);

    private PatternsAloneScorer() {
    }

    public static Complexity assess(String instruction, String input, int inputTokens) {
        return regexOnly(instruction, input, inputTokens);
    }

    /** The scorer as it was before its prefilters: every pattern run over the whole text. */
    private static Complexity regexOnly(String instruction, String input, int inputTokens) {
        Set<ComplexityFeature> found = EnumSet.noneOf(ComplexityFeature.class);
        String in = input == null ? "" : input.length() > 100_000 ? input.substring(0, 100_000) : input;
        String ask = instruction == null ? "" : instruction;
        if (in.contains("```") || in.contains("~~~") || count(CODE_LINE, in, 2) >= 2) {
            found.add(ComplexityFeature.CODE);
        }
        if (MATH.matcher(in).find() || MATH.matcher(ask).find()) {
            found.add(ComplexityFeature.MATH);
        }
        if (in.indexOf('?') >= 0 && count(QUESTION, in, 3) >= 3) {
            found.add(ComplexityFeature.SEVERAL_QUESTIONS);
        }
        if (LONG_FORM.matcher(ask).find() || LONG_FORM.matcher(in).find() || asksForManyWords(ask)
                || asksForManyWords(in)) {
            found.add(ComplexityFeature.LONG_FORM);
        }
        if (inputTokens > ComplexityScorer.LONG_INPUT_TOKENS) {
            found.add(ComplexityFeature.LONG_INPUT);
        }
        if (found.isEmpty()) {
            return Complexity.NONE;
        }
        double s = 0;
        for (ComplexityFeature f : found) {
            s += switch (f) {
                case CODE -> 0.5;
                case MATH -> 0.45;
                case SEVERAL_QUESTIONS, LONG_FORM, LONG_INPUT -> 0.4;
            };
        }
        return new Complexity(found, Math.min(1.0, s));
    }

    private static boolean asksForManyWords(String s) {
        if (!containsWord(s)) {
            return false;
        }
        Matcher m = WORD_COUNT.matcher(s);
        while (m.find()) {
            if (m.group(1) == null && Integer.parseInt(m.group(2)) >= 500) {
                return true;
            }
        }
        return false;
    }

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
