package io.camelorchestration.compress.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionStrategy;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Turns HTML or XML-like markup into the text a reader sees: scripts, styles, heads and comments go, block
 * elements become line breaks, list items become "- " lines, table cells are parted by " | ", entities are decoded,
 * preformatted blocks become fenced code blocks with their white space intact. A link keeps its address after its
 * text when spans are protected (an address is a protected span) and the text is not the address already. Applies
 * only to text that has markup: at least two tags, one of them a closing tag.
 *
 * <p>The markup is parsed by jsoup, which reads broken HTML as browsers do. A text in which a dropped element (a
 * script, a style, a title) is opened and never closed is left as it was: parsed, that element would take every
 * word after it.
 */
public final class HtmlToText implements CompressionStrategy {

    private static final Pattern TAG_PROBE = Pattern.compile("</[A-Za-z][A-Za-z0-9]*\\s*>");
    /** Elements whose content a reader never sees. */
    private static final Set<String> DROPPED = Set.of("head", "script", "style", "noscript", "template", "svg");
    /**
     * Elements whose content is dropped (the title with the head): opened and never closed, they would take every
     * word after them. An unclosed head is fine: the parser ends it where the body's content starts.
     */
    private static final List<String> SWALLOWING = List.of("script", "style", "noscript", "template", "svg", "title");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
            "ul", "ol", "li", "tr", "table", "thead", "tbody", "tfoot", "section", "article", "header", "footer", "nav",
            "aside", "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption", "form", "fieldset", "main",
            "address", "title", "body", "html");
    private static final Pattern PLACEHOLDER = Pattern.compile("\u0000(\\d+)\u0000");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");
    private static final Pattern LINE_EDGES = Pattern.compile("(?m)^ +| +$");
    private static final Pattern BLANKS = Pattern.compile("\\n{3,}");

    @Override
    public String name() {
        return "html-to-text";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        String t = request.text();
        return request.level() != CompressionLevel.OFF && t.indexOf('<') >= 0 && !Shapes.looksLikeJson(t)
                && TAG_PROBE.matcher(t).find();
    }

    @Override
    public String apply(String text, CompressionRequest request) {
        if (text.indexOf('\u0000') >= 0 || hasUnclosedRawText(text)) {
            return text; // placeholders below could not be told apart; or the parser would swallow text
        }
        Reader reader = new Reader(request.protectSpans());
        Jsoup.parse(text).filter(reader);
        String s = reader.out.toString();
        s = SPACES.matcher(s).replaceAll(" ");
        s = LINE_EDGES.matcher(s).replaceAll("");
        s = BLANKS.matcher(s).replaceAll("\n\n");
        if (!reader.pre.isEmpty()) {
            s = PLACEHOLDER.matcher(s).replaceAll(r -> Matcher.quoteReplacement(
                    "```\n" + reader.pre.get(Integer.parseInt(r.group(1))) + "\n```"));
        }
        return s.strip();
    }

    /** Walks the parsed document once, writing what a reader sees; preformatted blocks are set aside. */
    private static final class Reader implements NodeFilter {
        final StringBuilder out = new StringBuilder();
        final List<String> pre = new ArrayList<>();
        private final boolean keepAddress;

        Reader(boolean keepAddress) {
            this.keepAddress = keepAddress;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                out.append(t.text()); // entities decoded, white space runs as one space, as a browser shows them
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element e)) {
                return FilterResult.SKIP_ENTIRELY; // comments, doctype, script and style data
            }
            String tag = e.normalName();
            if (DROPPED.contains(tag)) {
                out.append(' ');
                return FilterResult.SKIP_ENTIRELY;
            }
            if (tag.equals("pre")) {
                pre.add(e.wholeText().strip());
                out.append("\n\u0000").append(pre.size() - 1).append("\u0000\n");
                return FilterResult.SKIP_ENTIRELY;
            }
            if (tag.equals("li")) {
                out.append("\n- ");
            } else if (BLOCKS.contains(tag)) {
                out.append('\n');
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("a") && keepAddress) {
                    String href = e.attr("href");
                    if (!href.isBlank() && !href.startsWith("#") && !e.text().strip().equals(href)) {
                        out.append(" (").append(href).append(')');
                    }
                } else if (tag.equals("td") || tag.equals("th")) {
                    out.append(" | ");
                } else if (BLOCKS.contains(tag) && !tag.equals("li")) {
                    out.append('\n');
                }
            }
            return FilterResult.CONTINUE;
        }
    }

    /**
     * Whether a dropped element is opened more often than closed: its content would run to the end of the text, so
     * the words after it would be lost.
     */
    static boolean hasUnclosedRawText(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String tag : SWALLOWING) {
            int opened = count(lower, "<" + tag);
            if (opened > 0 && opened > count(lower, "</" + tag)) {
                return true;
            }
        }
        return false;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            char after = i + what.length() < s.length() ? s.charAt(i + what.length()) : '>';
            if (!Character.isLetterOrDigit(after) && after != '-') {
                n++; // "<script" but not "<scripts" or "<style-guide"
            }
        }
        return n;
    }
}
