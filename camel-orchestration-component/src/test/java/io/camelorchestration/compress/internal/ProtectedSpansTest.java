package io.camelorchestration.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.camelorchestration.compress.internal.ProtectedSpans.Kind;
import io.camelorchestration.compress.internal.ProtectedSpans.Span;
import org.junit.jupiter.api.Test;

class ProtectedSpansTest {

    private final ProtectedSpans spans = ProtectedSpans.detector();

    @Test
    void findsEveryKindOfSpanInAnInvoiceMail() {
        String text = "Invoice INV-2024-0042 for $1,250.00 is due on March 5, 2025 (or 2025-03-05). "
                + "Pay 15% now, ask billing@acme.example or see https://acme.example/pay?id=42. "
                + "Order #7781 ships 12 boxes. He said \"ship it today\" and ran `make release`.";
        List<Span> found = spans.find(text);
        assertThat(found).extracting(Span::text).contains("INV-2024-0042", "$1,250.00", "March 5, 2025",
                "2025-03-05", "15%", "billing@acme.example", "https://acme.example/pay?id=42", "#7781", "12",
                "\"ship it today\"", "`make release`");
        assertThat(found).extracting(Span::kind).contains(Kind.values());
        for (Span s : found) {
            assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
        }
    }

    @Test
    void aUrlOrQuoteIsOneSpanWithItsNumbersInside() {
        List<Span> found = spans.find("Read \"chapter 3 of 12\" at http://example.org/a/1.html.");
        assertThat(found).extracting(Span::text).containsExactly("\"chapter 3 of 12\"", "http://example.org/a/1.html");
    }

    @Test
    void plainProseHasNoSpans() {
        assertThat(spans.containsAny("The jury said it did find that many of the laws are outmoded.")).isFalse();
        assertThat(spans.containsAny("The jury met 3 times.")).isTrue();
    }

    @Test
    void allSpansInTellsWhetherARepeatCanGo() {
        assertThat(spans.allSpansIn("Call 555-0100 at 9:30", "We call 555-0100 at 9:30 daily")).isTrue();
        assertThat(spans.allSpansIn("Call 555-0199 at 9:30", "We call 555-0100 at 9:30 daily")).isFalse();
    }
}
