package io.camelorchestration.compression;

import java.util.regex.Pattern;

/**
 * Collapses runs of spaces and tabs, trims line ends and squeezes blank lines to one. Meaning-free for every intent,
 * so it runs at every level but {@code off}. Code fences keep their indentation.
 */
public final class WhitespaceNormalizer implements CompressionStrategy {

    private static final Pattern TRAILING = Pattern.compile("[ \\t\\x0B\\f\\r]+(?=\\n|$)");
    private static final Pattern RUNS = Pattern.compile("(?<=\\S)[ \\t\\x0B\\f]{2,}");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Pattern FENCE = Pattern.compile("```");

    @Override
    public String name() {
        return "whitespace";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        return request.level() != CompressionLevel.OFF;
    }

    @Override
    public String apply(String text, CompressionRequest request) {
        if (text.contains("```")) {
            return outsideFences(text);
        }
        return normalize(text);
    }

    static String normalize(String text) {
        if (alreadyNormal(text)) {
            return text;
        }
        String s = text.replace("\r\n", "\n");
        s = TRAILING.matcher(s).replaceAll("");
        s = RUNS.matcher(s).replaceAll(" ");
        s = BLANK_LINES.matcher(s).replaceAll("\n\n");
        return s.strip();
    }

    /**
     * One pass that proves none of the replacements below can match and strip() has nothing to do, so clean text
     * (most text) skips four regex scans. Conservative: any doubt (a CR, an exotic line end, two blanks in a row,
     * a blank before a line end, three newlines, blank ends) and the full normalisation runs.
     */
    private static boolean alreadyNormal(String s) {
        int n = s.length();
        if (n == 0 || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(n - 1))) {
            return n == 0;
        }
        int newlines = 0;
        boolean prevBlank = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean blank = c == ' ' || c == '\t' || c == '\u000B' || c == '\f';
            if (c == '\n') {
                if (prevBlank || ++newlines == 3) {
                    return false;
                }
            } else {
                newlines = 0;
                if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029' || (blank && prevBlank)) {
                    return false;
                }
            }
            prevBlank = blank;
        }
        return true;
    }

    private static String outsideFences(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] parts = FENCE.split(text, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append("```");
            }
            out.append(i % 2 == 0 ? normalize(parts[i]) : parts[i]);
        }
        return out.toString();
    }
}
