package io.camelorchestration.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import io.camelorchestration.compress.BrownSample;
import io.camelorchestration.compress.internal.ProtectedSpans.Kind;
import io.camelorchestration.compress.internal.ProtectedSpans.Span;
import org.junit.jupiter.api.Test;

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
        return PatternsAloneSpans.everyPattern(text);
    }
}
