package io.camelorchestration.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;
import org.junit.jupiter.api.Test;

/** Markup and e-mail clean-up through the default pipeline, at the light level of generate and extract steps. */
class HtmlAndEmailTest {

    private final Compressor compressor = CompressionPipeline.defaults();

    private CompressionResult light(String text, Intent intent, boolean protect) {
        return compressor.compress(new CompressionRequest(text, CompressionLevel.LIGHT, intent, null, null, protect));
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>Order status</title><style>body { color: red; }</style>
            <script>var tracking = {"id": 1, "debug": true};</script></head>
            <body>
              <div class="header"><h1>Your order has shipped</h1></div>
              <p>Dear customer, your order <b>A-1047</b> left our warehouse on 12/03/2024 &amp; is on its way.</p>
              <ul><li>2 &times; coffee grinder</li><li>1 &times; descaler &ndash; 500&nbsp;ml</li></ul>
              <p>Track it <a href="https://shop.example/track/A-1047">here</a> or reply to this message.</p>
              <!-- marketing pixel --><img src="https://shop.example/pixel.gif" alt="">
            </body></html>
            """;

    @Test
    void htmlBecomesTheTextAReaderSees() {
        CompressionResult r = light(PAGE, Intent.GENERATE, false);
        assertThat(r.strategies()).contains("html-to-text");
        assertThat(r.text()).contains("Your order has shipped", "order A-1047 left our warehouse on 12/03/2024 & is",
                "- 2 \u00D7 coffee grinder", "- 1 \u00D7 descaler \u2013 500 ml", "Track it here")
                .doesNotContain("<", "color: red", "tracking", "marketing pixel");
        assertThat(r.tokensAfter()).isLessThan(r.tokensBefore() / 2);
    }

    @Test
    void aLinkKeepsItsAddressWhenSpansAreProtected() {
        CompressionResult r = light(PAGE, Intent.EXTRACT, true);
        assertThat(r.text()).contains("here (https://shop.example/track/A-1047)", "A-1047", "12/03/2024");
    }

    private static final String REPLY = """
            Hi Anna,

            Thanks for the quick answer. We will take the second option and start the migration next week,
            once the backup of the customer database has been verified by the operations team.

            Best regards,
            Tom Becker
            Head of Platform Engineering
            Example Corp

            On Tue, Mar 4, 2025 at 9:12 AM Anna Lind <anna@example.org> wrote:
            > Hi Tom,
            > there are two options for the migration: a big bang over the weekend or a gradual move
            > of one service a day. Let me know which one you prefer.
            > Anna

            CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the
            use of the individual to whom it is addressed. If you have received this e-mail in error, please notify
            the sender and delete it.
            """;

    @Test
    void aReplyLosesItsQuoteSignatureAndDisclaimer() {
        CompressionResult r = light(REPLY, Intent.GENERATE, false);
        assertThat(r.strategies()).contains("email-cleanup");
        assertThat(r.text()).startsWith("Hi Anna,").contains("start the migration next week")
                .doesNotContain("> Hi Tom", "wrote:", "CONFIDENTIALITY", "Head of Platform", "Best regards");
    }

    @Test
    void whenSpansAreProtectedTheQuotedHistoryWithItsDateStays() {
        CompressionResult r = light(REPLY, Intent.EXTRACT, true);
        assertThat(r.text()).contains("On Tue, Mar 4, 2025 at 9:12 AM Anna Lind <anna@example.org> wrote:")
                .doesNotContain("CONFIDENTIALITY");
    }

    private static final String FORWARD = """
            FYI, see the customer's complaint below. Can someone from support call her back today?

            ---------- Forwarded message ---------
            From: Maria Gomez <maria.gomez@example.com>
            Date: Mon, Feb 3, 2025 at 4:40 PM
            Subject: Broken delivery
            To: <support@shop.example>

            Hello, the parcel I received yesterday was damaged and two of the three glasses inside were broken.
            I would like a replacement or a refund as soon as possible. Thank you.

            Sent from my iPhone
            """;

    @Test
    void aForwardKeepsTheForwardedBodyButNotItsHeaders() {
        CompressionResult r = light(FORWARD, Intent.SUMMARIZE, false);
        assertThat(r.text()).contains("FYI, see the customer's complaint below", "Subject: Broken delivery",
                "the parcel I received yesterday was damaged")
                .doesNotContain("Forwarded message", "From: Maria", "To: <support", "Sent from my iPhone");
    }

    @Test
    void aThankYouBeforeAQuestionIsNotASignature() {
        String message = """
                The export job failed again last night with the same timeout on the customer table, and the retry
                at six in the morning failed too, so the dashboard still shows the numbers from two days ago.
                The sales team has asked twice today when the figures will be fixed, and I told them by tomorrow.

                Thanks!
                Could you look at the connection pool settings before the next run?
                """;
        CompressionResult r = light(message, Intent.GENERATE, false);
        assertThat(r.tokensBefore()).isGreaterThanOrEqualTo(CompressionPipeline.DEFAULT_MIN_TOKENS);
        assertThat(r.text()).contains("Thanks!", "Could you look at the connection pool settings");
    }

    @Test
    void preformattedCodeKeepsItsIndentation() {
        String page = """
                <html><body><h2>Retry   configuration</h2>
                <p>Set the   retry policy   of the client as shown below, then restart the service so that the new
                limits apply to every outgoing call of the billing integration.</p>
                <pre><code>retry:
                  maxAttempts: 3
                  backoff:
                    delay: 500ms   # doubled each time
                </code></pre>
                <p>Ask the platform team if the limits need to change for a single tenant.</p></body></html>
                """;
        CompressionResult r = light(page, Intent.TRANSFORM, true);
        assertThat(r.text()).contains("Retry configuration", "```\nretry:\n  maxAttempts: 3\n  backoff:\n"
                + "    delay: 500ms   # doubled each time\n```");
    }

    private static String toText(String html, boolean protect) {
        return new HtmlToText().apply(html, new CompressionRequest(html, CompressionLevel.LIGHT, Intent.EXTRACT, null,
                null, protect));
    }

    @Test
    void brokenMarkupLosesNoWord() {
        String html = "<div><p>First <b>bold <i>and</b> crossed</i> words<p>second paragraph, never closed"
                + "<ul><li>one<li>two &amp three</ul> if a < b and c > d then </span>done</div></td>";

        String text = toText(html, false);

        assertThat(text).contains("First bold and crossed words", "second paragraph, never closed", "- one", "- two & three",
                "if a < b and c > d then done").doesNotContain("<b>", "</span>", "<li>");
    }

    @Test
    void aDroppedElementThatIsNeverClosedLeavesTheTextAsItWas() {
        String html = "<p>Before the script.</p><script>var x = 1;<p>Everything after it, which a parser would take"
                + " for script.</p></body>";

        assertThat(toText(html, false)).isEqualTo(html);
        assertThat(toText("<p>Title: <title>never closed</p><p>more</p>", false)).contains("more");
        // closed, they go; "<scripts>" is no script
        assertThat(toText("<p>a</p><script>x()</script><p>b <scripts>c</scripts></p>", false))
                .isEqualTo("a\n\nb c").doesNotContain("x()");
    }

    @Test
    void aHugePageKeepsEveryParagraph() {
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; i < 5_000; i++) {
            html.append("<p>Paragraph number ").append(i).append(" of a <a href=\"/p/").append(i)
                    .append("\">very</a> long page.</p>\n");
        }
        html.append("</body></html>");

        String text = toText(html.toString(), true);

        assertThat(text.split("\n\n")).hasSize(5_000);
        assertThat(text).startsWith("Paragraph number 0 of a very (/p/0) long page.")
                .endsWith("Paragraph number 4999 of a very (/p/4999) long page.");
    }
}
