package io.camelorchestration.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the parts of a text that extraction-like steps need verbatim: code blocks, URLs, e-mail addresses, quoted
 * strings, dates, amounts, identifiers and numbers. One left-to-right pass: only at a position where a span can
 * start (a back-tick, a quote, a currency sign, a '#', the start of a word) are the precompiled, anchored patterns
 * tried, in that order of priority; the first that matches wins and the scan goes on after it, so a quoted string or
 * a URL is one span with its numbers inside it. Thread-safe.
 */
public final class ProtectedSpans {

    /** What a span is. */
    public enum Kind { CODE, URL, EMAIL, QUOTE, DATE, AMOUNT, IDENTIFIER, NUMBER }

    /** One protected span of a text: {@code [start, end)}. */
    public record Span(Kind kind, int start, int end, String text) {
    }

    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

    private static final Pattern CODE = Pattern.compile("```[\\s\\S]*?```|`[^`\\n]{1,200}`");
    private static final Pattern URL = Pattern.compile(
            "(?:(?:https?|ftp)://|www\\.)[^\\s<>\"')\\]]*[^\\s<>\"')\\].,;:!?]");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
    private static final Pattern QUOTE = Pattern.compile("\"[^\"\\n]{1,400}\"|\u201C[^\u201D\\n]{1,400}\u201D");
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b"
            + "|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}\\b"
            + "|" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b"
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "(?:,?\\s+\\d{4})?\\b"
            + "|\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?)?");
    private static final Pattern AMOUNT = Pattern.compile(
            "[$\u20AC\u00A3\u00A5]\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s?(?:million|billion|thousand|[mMkKbB]n?)\\b)?"
            + "|\\d[\\d,]*(?:\\.\\d+)?\\s?(?:%|percent\\b|per cent\\b|USD\\b|EUR\\b|GBP\\b|dollars\\b|cents\\b)");
    private static final Pattern IDENTIFIER = Pattern.compile("#\\d[\\w-]*"
            + "|(?=[A-Za-z0-9_-]*\\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*\\b"
            + "|[A-Z]{2,}[_-][A-Z0-9]+(?:[_-][A-Z0-9]+)*\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*\\b");

    private static final ProtectedSpans INSTANCE = new ProtectedSpans();

    private ProtectedSpans() {
    }

    public static ProtectedSpans detector() {
        return INSTANCE;
    }

    /** All spans, in order, not overlapping. */
    public List<Span> find(CharSequence text) {
        List<Span> spans = new ArrayList<>();
        new Scan(text).run(spans, false);
        return spans;
    }

    /** Whether the text holds at least one span. */
    public boolean containsAny(CharSequence text) {
        List<Span> one = new ArrayList<>(1);
        new Scan(text).run(one, true);
        return !one.isEmpty();
    }

    /** Whether every span of {@code part} also occurs, verbatim, in {@code whole}. */
    public boolean allSpansIn(CharSequence part, String whole) {
        for (Span s : find(part)) {
            if (!whole.contains(s.text())) {
                return false;
            }
        }
        return true;
    }

    /** One scan of one text; holds its matchers, so it is used by one thread once. */
    private static final class Scan {
        private final CharSequence text;
        private final int n;
        private final Matcher code;
        private final Matcher url;
        private final Matcher email;
        private final Matcher quote;
        private final Matcher date;
        private final Matcher amount;
        private final Matcher identifier;
        private final Matcher number;

        Scan(CharSequence text) {
            this.text = text;
            this.n = text.length();
            this.code = matcher(CODE);
            this.url = matcher(URL);
            this.email = matcher(EMAIL);
            this.quote = matcher(QUOTE);
            this.date = matcher(DATE);
            this.amount = matcher(AMOUNT);
            this.identifier = matcher(IDENTIFIER);
            this.number = matcher(NUMBER);
        }

        private Matcher matcher(Pattern p) {
            Matcher m = p.matcher(text);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            return m;
        }

        void run(List<Span> out, boolean firstOnly) {
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                int end = -1;
                Kind kind = null;
                if (c == '`') {
                    end = at(code, i);
                    kind = Kind.CODE;
                } else if (c == '"' || c == '\u201C') {
                    end = at(quote, i);
                    kind = Kind.QUOTE;
                } else if (c == '$' || c == '\u20AC' || c == '\u00A3' || c == '\u00A5') {
                    end = at(amount, i);
                    kind = Kind.AMOUNT;
                } else if (c == '#') {
                    end = at(identifier, i);
                    kind = Kind.IDENTIFIER;
                } else if (isWord(c) && (i == 0 || !isWord(text.charAt(i - 1)))) {
                    int wordEnd = i;
                    boolean digit = false;
                    boolean letter = false;
                    while (wordEnd < n && isWord(text.charAt(wordEnd))) {
                        char w = text.charAt(wordEnd);
                        digit |= w >= '0' && w <= '9';
                        letter |= Character.isLetter(w);
                        wordEnd++;
                    }
                    char next = wordEnd < n ? text.charAt(wordEnd) : ' ';
                    if ((c == 'h' || c == 'f' || c == 'w') && (end = at(url, i)) > 0) {
                        kind = Kind.URL;
                    } else if ((next == '@' || next == '.' || next == '-' || next == '+' || next == '%')
                            && (end = at(email, i)) > 0) {
                        kind = Kind.EMAIL;
                    } else if ((digit || Character.isUpperCase(c)) && (end = at(date, i)) > 0) {
                        kind = Kind.DATE;
                    } else if (digit && (end = at(amount, i)) > 0) {
                        kind = Kind.AMOUNT;
                    } else if ((digit && letter || next == '-' || next == '_') && (end = at(identifier, i)) > 0) {
                        kind = Kind.IDENTIFIER;
                    } else if (digit && c >= '0' && c <= '9' && (end = at(number, i)) > 0) {
                        kind = Kind.NUMBER;
                    } else {
                        i = wordEnd;
                        continue;
                    }
                }
                if (end > i) {
                    out.add(new Span(kind, i, end, text.subSequence(i, end).toString()));
                    if (firstOnly) {
                        return;
                    }
                    i = end;
                } else {
                    i++;
                }
            }
        }

        /** End of the pattern's match starting exactly at {@code i}, or -1. */
        private int at(Matcher m, int i) {
            m.region(i, n);
            return m.lookingAt() ? m.end() : -1;
        }

        private static boolean isWord(char c) {
            return c < 128 ? (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')
                    : Character.isLetterOrDigit(c);
        }
    }
}
