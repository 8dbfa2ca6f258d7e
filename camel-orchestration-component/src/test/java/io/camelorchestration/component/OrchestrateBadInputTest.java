package io.camelorchestration.component;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies nobody planned for, sent through fully enabled steps (compression and routing on, auto and declared
 * intents): the exchange never fails and the delegate gets the message.
 */
class OrchestrateBadInputTest extends OrchestrateTestSupport {

    /** What the delegate could read of each body, a stream to its end. */
    private final List<byte[]> received = new CopyOnWriteArrayList<>();

    {
        llm.answers("{\"ok\":true}").onCall(e -> received.add(e.getMessage().getBody() == null
                ? new byte[0] : e.getMessage().getBody(byte[].class)));
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:auto").to("orchestrate:answer?delegate=direct:llm");
                from("direct:summarize").to("orchestrate:digest?delegate=direct:llm&intent=summarize");
                from("direct:extract").to("orchestrate:fields?delegate=direct:llm&intent=extract");
                from("direct:transform").to("orchestrate:reshape?delegate=direct:llm&intent=transform");
            }
        };
    }

    private Exchange send(String route, Object body) {
        return template.send(route, e -> e.getMessage().setBody(body));
    }

    /** Delivered, orchestrated: the pipeline handled the body, however odd. */
    private void assertDelivered(Exchange out) {
        assertDelivered(out, true);
    }

    /** Delivered; {@code orchestrated} false: passed down the original path, with the reason. */
    private void assertDelivered(Exchange out, boolean orchestrated) {
        assertThat(out.getException()).isNull();
        assertThat(received).hasSize(1);
        assertThat(out.getMessage().getBody(String.class)).isEqualTo("{\"ok\":true}");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED)).as("orchestrated").isEqualTo(orchestrated);
        if (!orchestrated) {
            assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON, String.class)).isNotBlank();
        }
    }

    @Test
    void aNullBody() {
        for (String route : List.of("direct:auto", "direct:summarize", "direct:extract", "direct:transform")) {
            received.clear();
            Exchange out = send(route, null);
            assertDelivered(out);
            assertThat(received.get(0)).isEmpty();
        }
    }

    @Test
    void anEmptyBody() {
        for (String route : List.of("direct:auto", "direct:summarize", "direct:extract", "direct:transform")) {
            received.clear();
            assertDelivered(send(route, ""));
        }
    }

    @Test
    void binaryBytesReachTheDelegateUntouched() {
        byte[] binary = new byte[4096];
        new Random(42).nextBytes(binary);
        binary[0] = 0;
        for (String route : List.of("direct:auto", "direct:summarize", "direct:extract")) {
            received.clear();
            assertDelivered(send(route, binary));
            assertThat(received.get(0)).isEqualTo(binary);
        }
    }

    @Test
    void bytesThatAreNotUtf8ReachTheDelegateUntouched() {
        byte[] latin1 = "Caf\u00e9 cr\u00e8me, tr\u00e8s   bien.\n\n\n\nMerci.".getBytes(StandardCharsets.ISO_8859_1);
        assertDelivered(send("direct:summarize", latin1));
        assertThat(received.get(0)).isEqualTo(latin1);
    }

    @Test
    void anInputStreamIsReadOnceAndStillDelivered() {
        byte[] text = "Summarize this text, please.    It has   extra   spaces.\n\n\n\nAnd blank lines.".getBytes(StandardCharsets.UTF_8);
        AtomicReadCount counting = new AtomicReadCount(text);
        Exchange out = send("direct:summarize", counting);
        assertDelivered(out);
        assertThat(received.get(0)).as("the delegate can read the whole stream").isEqualTo(text);
        assertThat(counting.opened).as("the caller's stream is consumed once").isEqualTo(1);
    }

    @Test
    void tenMegabytesOfText() {
        StringBuilder sb = new StringBuilder(10 * 1024 * 1024 + 100);
        String sentence = "The quarterly report shows revenue of 1,234 units in region 7 on 2024-05-01.  ";
        while (sb.length() < 10 * 1024 * 1024) {
            sb.append(sentence);
        }
        String big = sb.toString();
        for (String route : List.of("direct:auto", "direct:summarize")) {
            received.clear();
            assertDelivered(send(route, big), false); // over maxInputSize: passed through unoptimised
            assertThat(received.get(0).length).as("no more than was sent").isLessThanOrEqualTo(big.length()).isPositive();
        }
    }

    @Test
    void malformedJson() {
        String broken = "{\"customer\": {\"name\": \"Ada\", \"orders\": [1, 2, 3,   \n\n  \"total\": 12.5";
        for (String route : List.of("direct:transform", "direct:extract", "direct:auto")) {
            received.clear();
            assertDelivered(send(route, broken));
            assertThat(new String(received.get(0), StandardCharsets.UTF_8)).contains("Ada").contains("12.5");
        }
    }

    /** An InputStream that counts how often reading starts, the way a socket or file stream is read once. */
    static final class AtomicReadCount extends InputStream {
        private final ByteArrayInputStream in;
        int opened;
        private boolean started;

        AtomicReadCount(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            start();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            start();
            return in.read(b, off, len);
        }

        private void start() {
            if (!started) {
                started = true;
                opened++;
            }
        }
    }
}
