package io.camelorchestration.compress.internal;

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

    // Every word and sign a kind turns on is written once, in the lists below; its pattern and the look-ahead of the
    // scan are both made from them, so adding a scheme, a month's form, a currency or a unit is one edit.

    /** How an address starts. */
    static final List<String> SCHEMES = List.of("https://", "http://", "ftp://", "www.");
    /** Each form opens with the month's first three letters, which the scan looks for. */
    static final List<String> MONTHS = List.of("Jan(?:uary)?", "Feb(?:ruary)?", "Mar(?:ch)?", "Apr(?:il)?", "May",
            "June?", "July?", "Aug(?:ust)?", "Sept?(?:ember)?", "Oct(?:ober)?", "Nov(?:ember)?", "Dec(?:ember)?");
    static final List<String> ORDINALS = List.of("st", "nd", "rd", "th");
    static final String CURRENCIES = "$\u20AC\u00A3\u00A5";
    /** What may follow a number, after at most one white space, to make it an amount. */
    static final List<String> UNITS = List.of("%", "percent", "per cent", "USD", "EUR", "GBP", "dollars", "cents");

    private static final String MONTH = anyOf(MONTHS) + "\\.?";
    private static final String ORDINAL = anyOf(ORDINALS);

    // package-private: ProtectedSpansDifferentialTest tries each of them everywhere, as the scan's reference
    static final Pattern CODE = Pattern.compile("```[\\s\\S]*?```|`[^`\\n]{1,200}`");
    static final Pattern URL = Pattern.compile(
            anyOf(SCHEMES.stream().map(Pattern::quote).toList()) + "[^\\s<>\"')\\]]*[^\\s<>\"')\\].,;:!?]");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
    static final Pattern QUOTE = Pattern.compile("\"[^\"\\n]{1,400}\"|\u201C[^\u201D\\n]{1,400}\u201D");
    static final Pattern DATE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b"
            + "|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}\\b"
            + "|" + MONTH + "\\s+\\d{1,2}" + ORDINAL + "?(?:,?\\s+\\d{4})?\\b"
            + "|\\d{1,2}" + ORDINAL + "?\\s+(?:of\\s+)?" + MONTH + "(?:,?\\s+\\d{4})?\\b"
            + "|\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?)?");
    static final Pattern AMOUNT = Pattern.compile(
            "[" + CURRENCIES + "]\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s?(?:million|billion|thousand|[mMkKbB]n?)\\b)?"
            + "|\\d[\\d,]*(?:\\.\\d+)?\\s?" + anyOf(UNITS.stream()
                    .map(u -> Pattern.quote(u) + (Character.isLetter(u.charAt(0)) ? "\\b" : "")).toList()));
    static final Pattern IDENTIFIER = Pattern.compile("#\\d[\\w-]*"
            + "|(?=[A-Za-z0-9_-]*\\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*\\b"
            + "|[A-Z]{2,}[_-][A-Z0-9]+(?:[_-][A-Z0-9]+)*\\b");
    static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*\\b");

    private static final String ORDINAL_FIRSTS = firsts(ORDINALS);
    private static final List<String> MONTH_STARTS = MONTHS.stream().map(m -> m.substring(0, 3)).toList();
    private static final String MONTH_FIRSTS = firsts(MONTHS);
    private static final String SCHEME_FIRSTS = firsts(SCHEMES);
    private static final String UNIT_FIRSTS = firsts(UNITS);

    private static final ProtectedSpans INSTANCE = new ProtectedSpans();

    private ProtectedSpans() {
    }

    public static ProtectedSpans detector() {
        return INSTANCE;
    }

    private static String anyOf(List<String> alternatives) {
        return "(?:" + String.join("|", alternatives) + ")";
    }

    private static String firsts(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            out.append(w.charAt(0));
        }
        return out.toString();
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
        private final String text;
        /** The characters, for the hand-written look-ahead: a {@code char[]} read is cheaper than charAt. */
        private final char[] cs;
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
            this.text = text.toString();
            this.cs = this.text.toCharArray();
            this.n = cs.length;
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
                char c = cs[i];
                int end = -1;
                Kind kind = null;
                if (c == '`') {
                    end = at(code, i);
                    kind = Kind.CODE;
                } else if (c == '"' || c == '\u201C') {
                    end = at(quote, i);
                    kind = Kind.QUOTE;
                } else if (CURRENCIES.indexOf(c) >= 0) {
                    end = at(amount, i);
                    kind = Kind.AMOUNT;
                } else if (c == '#') {
                    end = at(identifier, i);
                    kind = Kind.IDENTIFIER;
                } else if (isWord(c) && (i == 0 || !isWord(cs[i - 1]))) {
                    int wordEnd = i;
                    boolean digit = false;
                    boolean underscore = false;
                    for (char w; wordEnd < n && isWord(w = cs[wordEnd]); wordEnd++) {
                        digit |= w >= '0' && w <= '9';
                        underscore |= w == '_';
                    }
                    char next = wordEnd < n ? cs[wordEnd] : ' ';
                    boolean digitFirst = c >= '0' && c <= '9';
                    // a pattern is tried only where its first characters allow a match: most words are prose
                    if (urlAt(i) && (end = at(url, i)) > 0) {
                        kind = Kind.URL;
                    } else if ((next == '@' || next == '.' || next == '-' || next == '+' || next == '%')
                            && atSignAfter(wordEnd) && (end = at(email, i)) > 0) {
                        kind = Kind.EMAIL;
                    } else if ((digitFirst ? dateAfterDigits(i) : monthAt(i)) && (end = at(date, i)) > 0) {
                        kind = Kind.DATE;
                    } else if (digitFirst && unitAfterNumber(i) && (end = at(amount, i)) > 0) {
                        kind = Kind.AMOUNT;
                    } else if ((digit || underscore || next == '-') && identifierAt(i)
                            && (end = at(identifier, i)) > 0) {
                        kind = Kind.IDENTIFIER;
                    } else if (digitFirst && (end = at(number, i)) > 0) {
                        kind = Kind.NUMBER;
                    } else {
                        i = wordEnd;
                        continue;
                    }
                }
                if (end > i) {
                    out.add(new Span(kind, i, end, text.substring(i, end)));
                    if (firstOnly) {
                        return;
                    }
                    i = end;
                } else {
                    i++;
                }
            }
        }

        /** {@link #URL} starts with one of its {@link #SCHEMES}. */
        private boolean urlAt(int i) {
            if (SCHEME_FIRSTS.indexOf(cs[i]) < 0) {
                return false;
            }
            for (String scheme : SCHEMES) {
                if (text.startsWith(scheme, i)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * {@link #EMAIL} needs an '@' at the end of the run of address characters from the word's start; the word's
         * own characters are all of them or end the run early, so the scan starts after the word.
         */
        private boolean atSignAfter(int wordEnd) {
            int j = wordEnd;
            while (j < n && isAddress(cs[j])) {
                j++;
            }
            return j < n && cs[j] == '@';
        }

        private static boolean isAddress(char c) {
            return c < 128 && (isWord(c) || c == '.' || c == '%' || c == '+' || c == '-');
        }

        /** Only the month alternative of {@link #DATE} starts with a letter: with a month's first three letters. */
        private boolean monthAt(int i) {
            if (MONTH_FIRSTS.indexOf(cs[i]) < 0) {
                return false;
            }
            for (String start : MONTH_STARTS) {
                if (text.startsWith(start, i)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The {@link #DATE} alternatives that start with a digit: four digits and '-', or one or two digits and then
         * '/', '.', ':', white space or the first letter of one of the {@link #ORDINALS}.
         */
        private boolean dateAfterDigits(int i) {
            int k = i;
            while (k < n && cs[k] >= '0' && cs[k] <= '9') {
                k++;
            }
            int digits = k - i;
            if (digits == 4) {
                return k < n && cs[k] == '-';
            }
            if (digits > 2 || k == n) {
                return false;
            }
            char c = cs[k];
            return c == '/' || c == '.' || c == ':' || isSpace(c) || ORDINAL_FIRSTS.indexOf(c) >= 0;
        }

        /**
         * The {@link #AMOUNT} alternative that starts with a digit: after the number ({@code [\d,]*}, then a
         * fraction), at most one white space, then the first character of one of the {@link #UNITS}.
         */
        private boolean unitAfterNumber(int i) {
            int k = i;
            while (k < n && (cs[k] >= '0' && cs[k] <= '9' || cs[k] == ',')) {
                k++;
            }
            if (k + 1 < n && cs[k] == '.' && cs[k + 1] >= '0' && cs[k + 1] <= '9') {
                k++;
                while (k < n && cs[k] >= '0' && cs[k] <= '9') {
                    k++;
                }
            }
            if (k < n && isSpace(cs[k])) {
                k++;
            }
            if (k >= n) {
                return false;
            }
            return UNIT_FIRSTS.indexOf(cs[k]) >= 0;
        }

        /** {@code \s} as the patterns mean it. */
        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
        }

        /**
         * {@link #IDENTIFIER} at a word's start needs a digit and a letter in the run of {@code [A-Za-z0-9_-]} from
         * there, or capitals and a '_' or '-' after them.
         */
        private boolean identifierAt(int i) {
            int caps = i;
            while (caps < n && isCapital(cs[caps])) {
                caps++;
            }
            if (caps - i >= 2 && caps < n && (cs[caps] == '_' || cs[caps] == '-')) {
                return true;
            }
            boolean digit = false;
            boolean letter = false;
            for (int j = i; j < n && !(digit && letter); j++) {
                char c = cs[j];
                if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (c >= 'a' && c <= 'z' || isCapital(c)) {
                    letter = true;
                } else if (c != '_' && c != '-') {
                    break;
                }
            }
            return digit && letter;
        }

        private static boolean isCapital(char c) {
            return c >= 'A' && c <= 'Z';
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
