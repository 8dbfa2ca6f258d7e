package io.camelorchestration.benchmarks.handwritten;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.compress.internal.ProtectedSpans.Kind;
import io.camelorchestration.compress.internal.ProtectedSpans.Span;

/**
 * The component's protected-span scan as it was before issue 15: each pattern guarded by hand-written look-aheads
 * that mirror it. Kept for {@code TextLibrariesBenchmark}, side by side with the patterns alone; the code of that
 * commit, only renamed.
 */
public final class HandWrittenProtectedSpans {

    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

    // package-private: ProtectedSpansDifferentialTest tries each of them everywhere, as the scan's reference
    static final Pattern CODE = Pattern.compile("```[\\s\\S]*?```|`[^`\\n]{1,200}`");
    static final Pattern URL = Pattern.compile(
            "(?:(?:https?|ftp)://|www\\.)[^\\s<>\"')\\]]*[^\\s<>\"')\\].,;:!?]");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
    static final Pattern QUOTE = Pattern.compile("\"[^\"\\n]{1,400}\"|\u201C[^\u201D\\n]{1,400}\u201D");
    static final Pattern DATE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b"
            + "|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}\\b"
            + "|" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b"
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "(?:,?\\s+\\d{4})?\\b"
            + "|\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?)?");
    static final Pattern AMOUNT = Pattern.compile(
            "[$\u20AC\u00A3\u00A5]\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s?(?:million|billion|thousand|[mMkKbB]n?)\\b)?"
            + "|\\d[\\d,]*(?:\\.\\d+)?\\s?(?:%|percent\\b|per cent\\b|USD\\b|EUR\\b|GBP\\b|dollars\\b|cents\\b)");
    static final Pattern IDENTIFIER = Pattern.compile("#\\d[\\w-]*"
            + "|(?=[A-Za-z0-9_-]*\\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*\\b"
            + "|[A-Z]{2,}[_-][A-Z0-9]+(?:[_-][A-Z0-9]+)*\\b");
    static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*\\b");

    private static final HandWrittenProtectedSpans INSTANCE = new HandWrittenProtectedSpans();

    private HandWrittenProtectedSpans() {
    }

    public static HandWrittenProtectedSpans detector() {
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
                } else if (c == '$' || c == '\u20AC' || c == '\u00A3' || c == '\u00A5') {
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

        /** {@link #URL} starts with one of its schemes or "www.". */
        private boolean urlAt(int i) {
            return text.startsWith("http", i) || text.startsWith("ftp://", i) || text.startsWith("www.", i);
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
            return switch (cs[i]) {
                case 'J' -> text.startsWith("Jan", i) || text.startsWith("Jun", i) || text.startsWith("Jul", i);
                case 'F' -> text.startsWith("Feb", i);
                case 'M' -> text.startsWith("Mar", i) || text.startsWith("May", i);
                case 'A' -> text.startsWith("Apr", i) || text.startsWith("Aug", i);
                case 'S' -> text.startsWith("Sep", i);
                case 'O' -> text.startsWith("Oct", i);
                case 'N' -> text.startsWith("Nov", i);
                case 'D' -> text.startsWith("Dec", i);
                default -> false;
            };
        }

        /**
         * The {@link #DATE} alternatives that start with a digit: four digits and '-', or one or two digits and then
         * '/', '.', ':', white space or an ordinal's "st", "nd", "rd", "th".
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
            return c == '/' || c == '.' || c == ':' || isSpace(c) || c == 's' || c == 'n' || c == 'r' || c == 't';
        }

        /**
         * The {@link #AMOUNT} alternative that starts with a digit: after the number ({@code [\d,]*}, then a
         * fraction), at most one white space, then '%' or the first letter of a unit (percent, per cent, USD, EUR,
         * GBP, dollars, cents).
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
            char c = cs[k];
            return c == '%' || c == 'p' || c == 'U' || c == 'E' || c == 'G' || c == 'd' || c == 'c';
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
