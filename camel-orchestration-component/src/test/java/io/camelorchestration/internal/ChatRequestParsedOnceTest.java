package io.camelorchestration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.component.OrchestrateConstants;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-style request through a routed and compressed step is parsed once: compression parses it and writes it
 * with where its model and cap stand, and routing puts them there without reading it again.
 */
class ChatRequestParsedOnceTest extends OrchestrateTestSupport {

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
                from("direct:summarize")
                        .to("orchestrate:summarize?intent=summarize&compression=aggressive&delegate=" + llm.uri());
            }
        };
    }

    @Test
    void aRoutedAndCompressedRequestIsParsedOnce() throws Exception {
        String document = Json.MAPPER.writeValueAsString(
                io.camelorchestration.compress.BrownSample.byId("ca01").text());
        String request = "{\"model\":\"gpt-4o\",\"max_tokens\":4000,\"temperature\":0.1000,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Summarize the report.\"},"
                + "{\"role\":\"user\",\"content\":" + document + "}]}";
        long before = ChatRequestJson.PARSED.sum();

        Exchange out = template.request("direct:summarize", e -> e.getMessage().setBody(request));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isTrue();
        String routed = out.getMessage().getHeader(OrchestrateConstants.MODEL, String.class);
        assertThat(routed).isNotEqualTo("gpt-4o");
        String sent = llm.received().get(0).text();
        assertThat(sent).contains("\"model\":\"" + routed + "\"", "\"temperature\":0.1000")
                .doesNotContain("\"max_tokens\":4000");
        assertThat(sent.length()).isLessThan(request.length());
        assertThat(ChatRequestJson.PARSED.sum() - before).isEqualTo(1);
    }
}
