package io.camelorchestration.benchmarks.handwritten;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The component's HTML-to-text as it was before issue 15: regexes over the markup. Kept for
 * {@code TextLibrariesBenchmark}, side by side with the jsoup reading that replaced it; the code of that commit,
 * only renamed and cut to {@link #apply}.
 */
public final class HandWrittenHtmlToText {

    private static final Pattern DROPPED = Pattern.compile(
            "(?is)<!--.*?-->|<(script|style|head|noscript|template|svg)\\b[^>]*>.*?</\\1\\s*>|<!DOCTYPE[^>]*>|<\\?xml[^>]*\\?>");
    private static final Pattern PRE = Pattern.compile("(?is)<pre\\b[^>]*>(.*?)</pre\\s*>");
    private static final Pattern PLACEHOLDER = Pattern.compile("\u0000(\\d+)\u0000");
    private static final Pattern LINK = Pattern.compile(
            "(?is)<a\\b[^>]*?\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')[^>]*>(.*?)</a\\s*>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern BLOCK = Pattern.compile(
            "(?i)</?(?:p|div|br|hr|h[1-6]|ul|ol|li|tr|table|thead|tbody|tfoot|section|article|header|footer|nav"
            + "|aside|blockquote|pre|dl|dt|dd|figure|figcaption|form|fieldset|main|address|title|body|html)\\b[^>]*>");
    private static final Pattern CELL = Pattern.compile("(?i)</t[dh]\\s*>");
    private static final Pattern TAG = Pattern.compile("<[A-Za-z/!][^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");
    private static final Pattern LINE_EDGES = Pattern.compile("(?m)^ +| +$");
    private static final Pattern BLANKS = Pattern.compile("\\n{3,}");
    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"), Map.entry("hellip", "\u2026"),
            Map.entry("copy", "\u00A9"), Map.entry("reg", "\u00AE"), Map.entry("trade", "\u2122"),
            Map.entry("euro", "\u20AC"), Map.entry("pound", "\u00A3"), Map.entry("yen", "\u00A5"),
            Map.entry("cent", "\u00A2"), Map.entry("rsquo", "\u2019"), Map.entry("lsquo", "\u2018"),
            Map.entry("rdquo", "\u201D"), Map.entry("ldquo", "\u201C"), Map.entry("bull", "\u2022"),
            Map.entry("middot", "\u00B7"), Map.entry("times", "\u00D7"), Map.entry("deg", "\u00B0"));

    private HandWrittenHtmlToText() {
    }

    public static String apply(String text, boolean protectSpans) {
        if (text.indexOf('\u0000') >= 0) {
            return text; // the placeholders below could not be told apart
        }
        java.util.List<String> pre = new java.util.ArrayList<>();
        String s = DROPPED.matcher(text).replaceAll(" ");
        // preformatted text keeps its white space: set aside, then put back as a fenced code block
        Matcher m = PRE.matcher(s);
        StringBuilder sb = new StringBuilder(s.length());
        while (m.find()) {
            pre.add(decode(TAG.matcher(m.group(1)).replaceAll("")).strip());
            m.appendReplacement(sb, "\n\u0000" + (pre.size() - 1) + "\u0000\n");
        }
        m.appendTail(sb);
        s = sb.toString();
        s = links(s, protectSpans);
        s = LIST_ITEM.matcher(s).replaceAll("\n- ");
        s = CELL.matcher(s).replaceAll(" | ");
        s = BLOCK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = decode(s);
        s = SPACES.matcher(s).replaceAll(" ");
        s = LINE_EDGES.matcher(s).replaceAll("");
        s = BLANKS.matcher(s).replaceAll("\n\n");
        if (!pre.isEmpty()) {
            s = PLACEHOLDER.matcher(s).replaceAll(r -> Matcher.quoteReplacement(
                    "```\n" + pre.get(Integer.parseInt(r.group(1))) + "\n```"));
        }
        return s.strip();
    }

    private static String links(String s, boolean keepAddress) {
        Matcher m = LINK.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String href = m.group(1) != null ? m.group(1) : m.group(2);
            String label = m.group(3);
            String plain = TAG.matcher(label).replaceAll("").strip();
            String replacement = keepAddress && !href.isBlank() && !href.startsWith("#")
                    && !plain.equals(decode(href)) ? label + " (" + href + ")" : label;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String decode(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String e = m.group(1);
            String r;
            if (e.charAt(0) == '#') {
                int cp;
                try {
                    cp = e.length() > 1 && (e.charAt(1) == 'x' || e.charAt(1) == 'X')
                            ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                } catch (NumberFormatException ex) {
                    cp = -1;
                }
                r = Character.isValidCodePoint(cp) && cp > 0 ? new String(Character.toChars(cp)) : m.group();
            } else {
                r = ENTITIES.getOrDefault(e.toLowerCase(Locale.ROOT), m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }
}
