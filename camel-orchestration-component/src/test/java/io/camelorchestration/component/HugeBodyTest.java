package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;

import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.text.TokenCounter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A body far over {@code maxInputSize} (10 MB of base64, no white space anywhere) is not read by the pipeline: it goes
 * to the delegate as it came, and the step says why. A stream body is read no further than the limit, so a stream of
 * any length passes with bounded memory.
 */
class HugeBodyTest extends OrchestrateTestSupport {

    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private volatile long streamedBytes;

    {
        llm.answers("An image attachment.").onCall(e -> {
            if (e.getMessage().getBody() instanceof InputStream in) {
                streamedBytes = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        });
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // a stream stays a stream, as in a route that reads a file or an HTTP request without caching
        context.setStreamCaching(false);
        return context;
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:attachment").to("orchestrate:describeAttachment?intent=summarize&delegate=direct:llm");
                from("direct:small").to("orchestrate:smallOnly?intent=summarize&maxInputSize=100&delegate=direct:llm");
            }
        };
    }

    private List<Object> delegateBodies() {
        return llm.received().stream().map(FakeLlm.Call::body).toList();
    }

    private static String base64(int length) {
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(BASE64.charAt(random.nextInt(64)));
        }
        return sb.toString();
    }

    @Test
    void tenMegabytesOfTextWithoutWhiteSpacePassThroughUnoptimised() {
        String body = base64(TEN_MB);

        Exchange out = template.request("direct:attachment", e -> e.getMessage().setBody(body));

        assertThat(out.getException()).isNull();
        assertThat(delegateBodies()).singleElement().isSameAs(body);
        assertThat(out.getMessage().getBody()).isEqualTo("An image attachment.");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .isEqualTo("input of " + TEN_MB + " characters is over maxInputSize (1000000): passed through unoptimised");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isFalse();
        // counted from a sample: the tokenizer never sees more than its exact limit at once
        TokenCounter counter = TokenCounter.shared();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class))
                .isEqualTo(counter.count(body, "o200k_base") + counter.count("An image attachment.", "o200k_base"));
    }

    @Test
    void aByteArrayBodyOverTheLimitIsPassedAsItCame() {
        byte[] body = base64(TEN_MB).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        Exchange out = template.request("direct:attachment", e -> e.getMessage().setBody(body));

        assertThat(delegateBodies()).singleElement().isSameAs(body);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .isEqualTo("input of " + TEN_MB + " bytes is over maxInputSize (1000000): passed through unoptimised");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isPositive();
    }

    @Test
    void aStreamOfAnyLengthIsReadNoFurtherThanTheLimit() {
        long length = 64L * 1024 * 1024; // generated as it is read: never in memory as a whole
        Exchange out = template.request("direct:attachment", e -> e.getMessage().setBody(new GeneratedStream(length)));

        assertThat(out.getException()).isNull();
        assertThat(streamedBytes).as("the delegate read every byte").isEqualTo(length);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .isEqualTo("input of more than 1000000 bytes is over maxInputSize (1000000): passed through unoptimised");
    }

    @Test
    void aStreamWithinTheLimitIsOrchestratedAndStillReachesTheDelegateWhole() {
        Exchange out = template.request("direct:attachment", e -> e.getMessage().setBody(new GeneratedStream(5_000)));

        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        assertThat(streamedBytes).isEqualTo(5_000);
    }

    @Test
    void theLimitIsAnOptionOfTheStep() {
        Exchange within = template.request("direct:small", e -> e.getMessage().setBody("Summarize: the build is green."));
        assertThat(within.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();

        Exchange over = template.request("direct:small", e -> e.getMessage().setBody("word ".repeat(30)));
        assertThat(over.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isFalse();
        assertThat(over.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class))
                .isEqualTo("input of 150 characters is over maxInputSize (100): passed through unoptimised");
        assertThat(delegateBodies()).last().isEqualTo("word ".repeat(30));
    }

    /** Base64 characters, produced as they are read. */
    private static final class GeneratedStream extends InputStream {
        private final long length;
        private long position;

        GeneratedStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return position < length ? BASE64.charAt((int) (position++ % 64)) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) BASE64.charAt((int) (position++ % 64));
            }
            return n;
        }
    }
}
