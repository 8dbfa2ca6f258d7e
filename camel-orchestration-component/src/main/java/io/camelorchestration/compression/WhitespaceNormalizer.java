package io.camelorchestration.compression;

import java.util.regex.Pattern;

/**
 * Collapses runs of spaces and tabs, trims line ends and squeezes blank lines to one. Meaning-free for every intent,
 * so it runs at every level but {@code off}. Code fences keep their indentation. JSON is left to {@link JsonMinifier}:
 * white space inside its string values is data.
 */
public final class WhitespaceNormalizer implements CompressionStrategy {

    private static final Pattern TRAILING = Pattern.compile("[ \\t\\x0B\\f\\r]+(?=\\n|$)");
    private static final Pattern RUNS = Pattern.compile("(?<=\\S)[ \\t\\x0B\\f]{2,}");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

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

    static String normalize(String text) {
        String s = text.replace("\r\n", "\n");
        s = TRAILING.matcher(s).replaceAll("");
        s = RUNS.matcher(s).replaceAll(" ");
        s = BLANK_LINES.matcher(s).replaceAll("\n\n");
        return s.strip();
    }

    private static String outsideFences(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] parts = text.split("```", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append("```");
            }
            out.append(i % 2 == 0 ? normalize(parts[i]) : parts[i]);
        }
        return out.toString();
    }
}
