package io.camelorchestration.compress.internal;


import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionStrategy;

/**
 * Collapses runs of spaces and tabs, trims line ends and squeezes blank lines to one. Meaning-free for every intent,
 * so it runs at every level but {@code off}. Code fences keep their indentation. JSON is left to {@link JsonMinifier}:
 * white space inside its string values is data.
 */
public final class WhitespaceNormalizer implements CompressionStrategy {

    private static final java.util.regex.Pattern FENCE = java.util.regex.Pattern.compile("```", java.util.regex.Pattern.LITERAL);

    @Override
    public String name() {
        return "whitespace";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        return request.level() != CompressionLevel.OFF && !Shapes.looksLikeJson(request.text());
    }

    @Override
    public String apply(String text, CompressionRequest request) {
        if (text.contains("```")) {
            return outsideFences(text);
        }
        return normalize(text);
    }

    /** One pass: CRLF to LF, trailing blanks cut, inner runs of blanks to one space (indentation kept), at most one
     * blank line in a row, outer white space stripped. */
    static String normalize(String text) {
        return isNormal(text) ? text : rewrite(text);
    }

    static String rewrite(String text) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        int pendingNewlines = 0;
        int i = 0;
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean lineStart = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\n' || i + 1 >= n || text.charAt(i + 1) != '\n') {
                    pendingNewlines++;
                }
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\u000B' || c == '\f') {
                int s = i;
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\u000B'
                        || text.charAt(i) == '\f')) {
                    i++;
                }
                if (i >= n || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                    continue; // trailing
                }
                flush(out, pendingNewlines);
                pendingNewlines = 0;
                if (lineStart) {
                    out.append(text, s, i); // indentation
                } else if (i - s == 1) {
                    out.append(c);
                } else {
                    out.append(' ');
                }
                lineStart = false;
                continue;
            }
            flush(out, pendingNewlines);
            pendingNewlines = 0;
            out.append(c);
            lineStart = false;
            i++;
        }
        return out.length() == n && out.toString().equals(text) ? text : out.toString();
    }

    /**
     * The common case, checked without copying: nothing to do. Each check is an {@code indexOf}, which the JVM runs
     * over many characters at a time: a third of the time of one loop over the characters.
     */
    static boolean isNormal(String text) {
        int n = text.length();
        if (n == 0 || Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(n - 1))) {
            return n == 0;
        }
        for (String breach : BREACHES) {
            if (text.contains(breach)) {
                return false;
            }
        }
        return true;
    }

    /** What {@link #normalize} changes inside a text: blanks other than the space, runs of them, blank lines. */
    private static final String[] BREACHES = {"\t", "\r", "\u000B", "\f", "  ", " \n", "\n\n\n"};

    private static void flush(StringBuilder out, int newlines) {
        if (out.length() > 0) {
            for (int k = 0; k < Math.min(newlines, 2); k++) {
                out.append('\n');
            }
        }
    }

    /** Fenced code keeps every character; the prose between fences is normalised, keeping its line breaks at the
     * fences. */
    private static String outsideFences(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] parts = FENCE.split(text, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append("```");
            }
            if (i % 2 == 1) {
                out.append(parts[i]);
                continue;
            }
            String p = parts[i];
            String core = normalize(p);
            if (i > 0 && !core.isEmpty() || i > 0 && i < parts.length - 1) {
                out.append(leadingBreaks(p));
            }
            out.append(core);
            if (i < parts.length - 1 && !core.isEmpty()) {
                out.append(trailingBreaks(p));
            }
        }
        return out.toString().strip();
    }

    private static String leadingBreaks(String s) {
        int k = 0;
        int breaks = 0;
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
            breaks += s.charAt(k) == '\n' ? 1 : 0;
            k++;
        }
        return breaks == 0 ? (k > 0 ? " " : "") : breaks == 1 ? "\n" : "\n\n";
    }

    private static String trailingBreaks(String s) {
        int k = s.length();
        int breaks = 0;
        while (k > 0 && Character.isWhitespace(s.charAt(k - 1))) {
            breaks += s.charAt(k - 1) == '\n' ? 1 : 0;
            k--;
        }
        return breaks == 0 ? (k < s.length() ? " " : "") : breaks == 1 ? "\n" : "\n\n";
    }
}
