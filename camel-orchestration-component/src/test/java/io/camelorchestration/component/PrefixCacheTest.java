package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.compress.BrownSample;
import io.camelorchestration.internal.Json;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Providers cache the opening of a prompt (OpenAI from 1,024 tokens, Anthropic at its cache breakpoints) and bill a
 * cached token at a fraction of a fresh one, but only while that opening is byte for byte what they saw before.
 * Compression must leave it alone: the system and developer messages, and the instruction above the document, reach
 * the model exactly as the user wrote them, message after message.
 */
class PrefixCacheTest extends OrchestrateTestSupport {

    /** A long fixed system prompt, written as people write them: double spaces, a repeated rule, blank lines. */
    static final String SYSTEM = ("You are the claims assistant of Northwind Insurance.  You answer agents, never customers.\n\n\n"
            + "Rules:\n- Quote the claim number exactly as written.\n- Quote amounts with their currency.\n"
            + "- Quote amounts with their currency.\n- Never promise a payout.   Never guess a date.\n\n").repeat(12)
            + "The policy wording follows.  " + BrownSample.byId("cj01").text();
    static final String DEVELOPER = "Answer in plain prose.    At most three sentences.\n\n\nNo lists.";
    /** The instruction above each document: the opening of the user text, the same in every message. */
    static final String INSTRUCTION = "Summarize the customer's letter below for the claims agent.  Keep the claim"
            + " number, the amounts and what the customer asks for.   Reply in plain prose.";

    final ObjectMapper mapper = Json.MAPPER;
    {
        llm.answers("The customer asks for the refund of claim C-1.");
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
    }

    /** The texts the model received, oldest first. */
    List<String> delegateSaw() {
        return llm.received().stream().map(FakeLlm.Call::text).toList();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:letter").to("orchestrate:digest?intent=summarize&delegate=direct:llm");
            }
        };
    }

    String chatRequest(String letter) throws Exception {
        ObjectNode body = mapper.createObjectNode().put("model", "gpt-4o");
        body.putArray("messages")
                .add(message("system", SYSTEM))
                .add(message("developer", DEVELOPER))
                .add(message("user", INSTRUCTION + "\n\n" + letter));
        return mapper.writeValueAsString(body);
    }

    ObjectNode message(String role, String content) {
        return mapper.createObjectNode().put("role", role).put("content", content);
    }

    @Test
    void systemAndDeveloperMessagesAndTheInstructionReachTheModelByteForByte() throws Exception {
        for (String id : List.of("ca01", "ck01")) {
            Exchange out = template.request("direct:letter",
                    e -> e.getMessage().setBody(chatRequest(BrownSample.byId(id).text())));
            assertThat(out.getException()).isNull();
            assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isTrue();
        }

        assertThat(delegateSaw()).hasSize(2);
        for (String sent : delegateSaw()) {
            // the bytes of the two fixed messages, as the user's JSON had them, open the request the model gets
            assertThat(sent).startsWith("{\"model\":\"gpt-4o\",\"messages\":["
                    + mapper.writeValueAsString(message("system", SYSTEM)) + ","
                    + mapper.writeValueAsString(message("developer", DEVELOPER)) + ",");
            JsonNode user = mapper.readTree(sent).at("/messages/2/content");
            assertThat(user.asText()).startsWith(INSTRUCTION + "\n\n");
        }
        // and the letters themselves were compressed
        assertThat(delegateSaw().get(0).length()).isLessThan(chatRequest(BrownSample.byId("ca01").text()).length());
    }

    @Test
    void theInstructionAboveATextDocumentReachesTheModelByteForByte() {
        for (String id : List.of("ca01", "ck01")) {
            Exchange out = template.request("direct:letter",
                    e -> e.getMessage().setBody(INSTRUCTION + "\n\n" + BrownSample.byId(id).text()));
            assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isTrue();
        }

        assertThat(delegateSaw()).hasSize(2);
        assertThat(delegateSaw()).allSatisfy(sent -> assertThat(sent).startsWith(INSTRUCTION + "\n\n"));
    }
}
