package io.camelorchestration.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.compression.ProtectedSpans.Kind;
import io.camelorchestration.compression.ProtectedSpans.Span;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan tries a pattern only where a look at the next characters allows a match; these tests hold it to trying
 * every pattern, in order, at every place a span can start.
 */
class ProtectedSpansDifferentialTest {

    /** Pieces that make or nearly make each kind of span, with the characters the patterns turn on. */
    private static final String[] PIECES = {
            "http", "http://", "https://a.b/c", "ftp://", "ftp", "www.", "www", "h", "f", "w", "a@b.co", "@", "x@",
            "first.last+tag@mail.example", "_", "-", "__", "AB", "AB_C", "ERR-42", "A-", "Z_", "ab_c", "a1", "1a",
            "x-1", "#", "#12", "#1-a", "Jan", "January", "Jun", "June", "Jul", "May", "Sept", "Sep", "Mar", "Dec.",
            "Ja", "Jane", "March 5", "5 May", "3rd of Oct", ", 2024", "12:30", "9:15 p.m.", "2025-03-05", "1/2/25",
            "$", "$5", "\u20AC", "\u00A3 3", "5%", "3 percent", "10 USD", "dollars", "1,250.00", "0", "7", "42",
            "123", ".", ",", ":", "/", "\"", "\"quoted\"", "\u201C", "\u201D", "`", "`code`", "```", "\n", " ",
            " ", " ", "the", "The", "é", "É5", "\u4E2D", "a", "Z", "x", "Mr", "s", "million", "k", "bn", "T",
            "1961", "12", "123", "12345", "2024-", "3.5", ".5", ",000", "st", "nd", "rd", "th", "of", " of ", "\t",
            "percent", "per cent", "cents", "USD", "EUR", "GBP", "%", "p", "d", "c", "U", "E", "G", "4th", "21st",
            "12 pm", "1-2", "1/", "/2", ":15", "12.5%", "1,000,000", "7 dollars", "\r\n", "\f", "\u000B"};

    @Test
    void findsWhatTryingEveryPatternFindsOnRandomText() {
        Random random = new Random(3);
        for (int i = 0; i < 30_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + random.nextInt(14); k > 0; k--) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = sb.toString();
            assertThat(ProtectedSpans.detector().find(text)).as("[%s]", text).isEqualTo(everyPattern(text));
        }
    }

    @Test
    void findsWhatTryingEveryPatternFindsOnTheCorpus() {
        for (BrownSample doc : BrownSample.all()) {
            List<Span> found = ProtectedSpans.detector().find(doc.text());
            assertThat(found).as(doc.id()).isEqualTo(everyPattern(doc.text()));
        }
    }

    @Test
    void anIdentifierOfCapitalsAndUnderscoresIsProtected() {
        assertThat(ProtectedSpans.detector().find("Retry on ERR_TIMEOUT only."))
                .extracting(Span::text).containsExactly("ERR_TIMEOUT");
    }

    /** The scan without its look-ahead: the patterns in order of priority wherever a span can start. */
    private static List<Span> everyPattern(String text) {
        List<Span> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            Object[] hit = null;
            if (c == '`') {
                hit = first(text, i, ProtectedSpans.CODE, Kind.CODE);
            } else if (c == '"' || c == '\u201C') {
                hit = first(text, i, ProtectedSpans.QUOTE, Kind.QUOTE);
            } else if (c == '$' || c == '\u20AC' || c == '\u00A3' || c == '\u00A5') {
                hit = first(text, i, ProtectedSpans.AMOUNT, Kind.AMOUNT);
            } else if (c == '#') {
                hit = first(text, i, ProtectedSpans.IDENTIFIER, Kind.IDENTIFIER);
            } else if (word(c) && (i == 0 || !word(text.charAt(i - 1)))) {
                hit = first(text, i, ProtectedSpans.URL, Kind.URL, ProtectedSpans.EMAIL, Kind.EMAIL,
                        ProtectedSpans.DATE, Kind.DATE, ProtectedSpans.AMOUNT, Kind.AMOUNT, ProtectedSpans.IDENTIFIER,
                        Kind.IDENTIFIER, ProtectedSpans.NUMBER, Kind.NUMBER);
                if (hit == null) {
                    while (i < n && word(text.charAt(i))) {
                        i++;
                    }
                    continue;
                }
            }
            if (hit != null) {
                int end = (int) hit[1];
                out.add(new Span((Kind) hit[0], i, end, text.substring(i, end)));
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The first of the (pattern, kind) pairs that matches at {@code i}: its kind and end. */
    private static Object[] first(String text, int i, Object... patternsAndKinds) {
        for (int k = 0; k < patternsAndKinds.length; k += 2) {
            Matcher m = ((Pattern) patternsAndKinds[k]).matcher(text);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            m.region(i, text.length());
            if (m.lookingAt() && m.end() > i) {
                return new Object[] {patternsAndKinds[k + 1], m.end()};
            }
        }
        return null;
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
