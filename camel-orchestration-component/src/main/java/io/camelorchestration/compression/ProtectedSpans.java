package io.camelorchestration.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the parts of a text that extraction-like steps need verbatim: code blocks, URLs, e-mail addresses, quoted
 * strings, dates, amounts, identifiers and numbers. One precompiled pattern, one pass; the first alternative that
 * matches at a position wins, so a quoted string or URL is one span with its numbers inside it. Thread-safe.
 */
public final class ProtectedSpans {

    /** What a span is. */
    public enum Kind { CODE, URL, EMAIL, QUOTE, DATE, AMOUNT, IDENTIFIER, NUMBER }

    /** One protected span of a text: {@code [start, end)}. */
    public record Span(Kind kind, int start, int end, String text) {
    }

    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

    private static final Pattern SPANS = Pattern.compile(
            "(?<code>```[\\s\\S]*?```|`[^`\\n]{1,200}`)"
            + "|(?<url>\\b(?:https?|ftp)://[^\\s<>\"')\\]]+[^\\s<>\"')\\].,;:!?]|\\bwww\\.[^\\s<>\"')\\]]+[^\\s<>\"')\\].,;:!?])"
            + "|(?<email>\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b)"
            + "|(?<quote>\"[^\"\\n]{1,400}\"|\u201C[^\u201D\\n]{1,400}\u201D)"
            + "|(?<date>\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b"
            + "|\\b\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}\\b"
            + "|\\b" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b"
            + "|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "(?:,?\\s+\\d{4})?\\b"
            + "|\\b\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?)?)"
            + "|(?<amount>[$\u20AC\u00A3\u00A5]\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s?(?:million|billion|thousand|[mMkKbB]n?)\\b)?"
            + "|\\b\\d[\\d,]*(?:\\.\\d+)?\\s?(?:%|percent\\b|per cent\\b|USD\\b|EUR\\b|GBP\\b|dollars\\b|cents\\b))"
            + "|(?<id>#\\d[\\w-]*|\\b(?=[A-Za-z0-9_-]*\\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*\\b"
            + "|\\b[A-Z]{2,}[_-][A-Z0-9]+(?:[_-][A-Z0-9]+)*\\b)"
            + "|(?<number>[-+]?\\b\\d+(?:[.,]\\d+)*\\b)");

    private static final Kind[] KINDS = {Kind.CODE, Kind.URL, Kind.EMAIL, Kind.QUOTE, Kind.DATE, Kind.AMOUNT,
            Kind.IDENTIFIER, Kind.NUMBER};
    private static final String[] GROUPS = {"code", "url", "email", "quote", "date", "amount", "id", "number"};

    private static final ProtectedSpans INSTANCE = new ProtectedSpans();

    private ProtectedSpans() {
    }

    public static ProtectedSpans detector() {
        return INSTANCE;
    }

    /** All spans, in order, not overlapping. */
    public List<Span> find(CharSequence text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = SPANS.matcher(text);
        while (m.find()) {
            spans.add(new Span(kindOf(m), m.start(), m.end(), m.group()));
        }
        return spans;
    }

    /** Whether the text holds at least one span; cheaper than {@link #find} when only the answer matters. */
    public boolean containsAny(CharSequence text) {
        return SPANS.matcher(text).find();
    }

    /** Whether every span of {@code part} also occurs, verbatim, in {@code whole}. */
    public boolean allSpansIn(CharSequence part, String whole) {
        Matcher m = SPANS.matcher(part);
        while (m.find()) {
            if (!whole.contains(m.group())) {
                return false;
            }
        }
        return true;
    }

    private static Kind kindOf(Matcher m) {
        for (int i = 0; i < GROUPS.length; i++) {
            if (m.start(GROUPS[i]) >= 0) {
                return KINDS[i];
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
