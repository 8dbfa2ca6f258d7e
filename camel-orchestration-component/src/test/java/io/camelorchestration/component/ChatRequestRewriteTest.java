package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.internal.Json;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-style request body going through a routed and compressed step: the component writes the model and the
 * output cap into it and compresses its user turn, and every other field reaches the provider as the user wrote it,
 * numbers to the last digit.
 */
class ChatRequestRewriteTest extends OrchestrateTestSupport {

    /** A news report of the Brown Corpus (ca01), as a JSON string. */
    private static final String DOCUMENT;

    static {
        try {
            DOCUMENT = Json.MAPPER.writeValueAsString(Langchain4jDelegateTest.document());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setRoutingEnabled(true);
        orchestrate.setCompressionEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:summarize").routeId("digest")
                        .to("orchestrate:summarize?intent=summarize&compression=aggressive&delegate=" + llm.uri());
            }
        };
    }

    private static String request(String extraFields) {
        return "{\"model\":\"gpt-4o\",\"max_tokens\":4000," + extraFields + ",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Summarize the report.\"},"
                + "{\"role\":\"user\",\"content\":" + DOCUMENT + "}]}";
    }

    @Test
    void theRewrittenRequestKeepsEveryOtherFieldToTheLastDigit() {
        String fields = "\"temperature\":0.1000,\"top_p\":1.0E-7,\"seed\":123456789012345678901234567890,"
                + "\"user\":\"tenant-1\"";

        Exchange out = template.request("direct:summarize", e -> e.getMessage().setBody(request(fields)));

        assertThat(out.getException()).isNull();
        String sent = llm.received().get(0).text();
        String routed = out.getMessage().getHeader(OrchestrateConstants.MODEL, String.class);
        assertThat(routed).isNotEqualTo("gpt-4o");
        assertThat(sent).contains("\"model\":\"" + routed + "\"")
                .doesNotContain("\"max_tokens\":4000")
                .contains("\"temperature\":0.1000", "\"top_p\":1.0E-7", "\"seed\":123456789012345678901234567890",
                        "\"user\":\"tenant-1\"");
        // the user turn was compressed, the system prompt kept as written
        assertThat(sent.length()).isLessThan(request(fields).length());
        assertThat(sent).contains("\"content\":\"Summarize the report.\"");
    }

    @Test
    void aBodyThatOnlyLooksLikeARequestGoesOutUntouched() {
        String notJson = "{\"messages\": this is not JSON, " + DOCUMENT;

        template.request("direct:summarize", e -> e.getMessage().setBody(notJson));

        assertThat(llm.received().get(0).text()).startsWith("{\"messages\": this is not JSON");
    }
}
