package io.camelorchestration.routing;

import java.util.regex.Pattern;

/**
 * Scores how hard an input is, 0 (trivial) to 1 (needs the strongest model), from features that cost nothing to
 * find: code, math, several questions at once, long-form writing asked for, and sheer length.
 */
public final class ComplexityScorer {

    // Each pattern is scanned over the whole input for every routed step. The leading look-ahead on the possible
    // first characters lets the matcher reject most positions with one class test, and "[^<line end>;{(:]*" finds
    // the same lines as ".*[;{(:]" without backtracking over the rest of the line: same matches, a fraction of the cost.
    private static final Pattern CODE = Pattern.compile(
            "(?=[`={dcpfriSI])(?:```|\\b(?:def|class|public|private|function|return|import|SELECT|INSERT)\\b"
                    + "[^\\n\\r\\u0085\\u2028\\u2029;{(:]*[;{(:]|=>|\\{\\s*\\n)");
    private static final Pattern MATH = Pattern.compile(
            "(?=[pdiecs0-9])(?:\\b(?:prove|derive|integral|equation|calculate|compute|solve)\\b|[0-9]\\s*[*/^=]\\s*[0-9(])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LONG_FORM = Pattern.compile(
            "\\b(?=[eardicb0-9])(?:essay|article|report|detailed|in depth|in-depth|comprehensive|blog post|[0-9]{3,} words)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final int LONG_INPUT_TOKENS = 16_000;

    public double score(String input, int inputTokens) {
        if (input == null || input.isEmpty()) {
            return 0;
        }
        double s = 0;
        if (CODE.matcher(input).find()) {
            s += 0.35;
        }
        if (MATH.matcher(input).find()) {
            s += 0.25;
        }
        if (questions(input) >= 3) {
            s += 0.2;
        }
        if (LONG_FORM.matcher(input).find()) {
            s += 0.2;
        }
        if (inputTokens > LONG_INPUT_TOKENS) {
            s += 0.2;
        }
        return Math.min(1.0, s);
    }

    private static int questions(String input) {
        int n = 0;
        for (int i = input.indexOf('?'); i >= 0; i = input.indexOf('?', i + 1)) {
            n++;
        }
        return n;
    }
}
