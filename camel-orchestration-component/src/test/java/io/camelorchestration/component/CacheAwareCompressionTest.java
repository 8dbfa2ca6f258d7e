package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.compress.BrownSample;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Questions about one long document: compressed for each question, the document's opening changes from message to
 * message and the provider's prompt cache never holds it; sent as it came, it is read from the cache after the first
 * call. Which one is cheaper depends on the model's cache-read price (LiteLLM's map): a tenth of the input price on
 * claude-sonnet-4, so the document goes as it came; half on gpt-4o, where cutting 60 % of it still pays.
 */
class CacheAwareCompressionTest extends OrchestrateTestSupport {

    static final String DOCUMENT = BrownSample.byId("ca01").text();
    static final List<String> QUESTIONS = List.of("Who was elected school superintendent of Miller County?",
            "What did the grand jury say about the Atlanta police department?",
            "How much money did the state highway department spend on roads?");

    {
        llm.answers("Mr. Davis.");
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        orchestrate.setModels("classpath:catalog/litellm/model_prices_and_context_window.json");
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.setAuditSink(audit::add);
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
                from("direct:askClaude").to("orchestrate:askClaude?intent=summarize&model=claude-sonnet-4-20250514&delegate=direct:llm");
                from("direct:askGpt4o").to("orchestrate:askGpt4o?intent=summarize&model=gpt-4o&delegate=direct:llm");
            }
        };
    }

    Exchange ask(String route, String question, String document) {
        return template.request(route, e -> {
            e.getMessage().setHeader(OrchestrateConstants.INSTRUCTION, question);
            e.getMessage().setBody(document);
        });
    }

    @Test
    void whereTheCacheReadsAtATenthOfThePriceTheDocumentGoesAsItCameOnceItIsCached() {
        Exchange first = ask("direct:askClaude", QUESTIONS.get(0), DOCUMENT);
        // nothing sent before: nothing cached to lose
        assertThat(first.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isTrue();
        assertThat(first.getMessage().getHeader(OrchestrateConstants.COMPRESSION_SKIPPED)).isNull();

        for (String question : QUESTIONS.subList(1, 3)) {
            Exchange out = ask("direct:askClaude", question, DOCUMENT);
            assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isFalse();
            assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_SKIPPED, String.class))
                    .startsWith("prefix cache: compressing would remove").contains("claude-sonnet-4-20250514");
        }
        assertThat(delegateSaw().subList(1, 3)).containsOnly(DOCUMENT);

        await().untilAsserted(() -> assertThat(audit.stream()
                .filter(a -> a.action() == AuditAction.ORCHESTRATION_STEP_EXECUTED)
                .filter(a -> a.details().containsKey("compressionSkipped"))).hasSize(2));
    }

    @Test
    void whereTheCacheReadsAtHalfThePriceCuttingSixtyPercentStillPays() {
        for (String question : QUESTIONS) {
            Exchange out = ask("direct:askGpt4o", question, DOCUMENT);
            assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isTrue();
            assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_SKIPPED)).isNull();
        }
    }

    @Test
    void aNewDocumentEachTimeHasNothingCachedAndIsCompressed() {
        for (String id : List.of("ca01", "ch01", "cj01", "ck01")) {
            Exchange out = ask("direct:askClaude", QUESTIONS.get(0), BrownSample.byId(id).text());
            assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isTrue();
            assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_SKIPPED)).isNull();
        }
    }
}
