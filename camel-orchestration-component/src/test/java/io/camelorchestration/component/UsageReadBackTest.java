package io.camelorchestration.component;

import io.camelorchestration.tokens.TokenCounter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the step's token usage comes from: the delegate's own report wins, else the tokenizer counts.
 */
class UsageReadBackTest extends CamelTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setDefaultModel("gpt-4o-mini");
        context.addComponent("orchestrate", orchestrate);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:langchain4j").to("orchestrate:a?intent=generate&delegate=direct:lc4j");
                from("direct:lc4j").setHeader(OrchestrateConstants.LANGCHAIN4J_INPUT_TOKENS, constant(321))
                        .setHeader(OrchestrateConstants.LANGCHAIN4J_OUTPUT_TOKENS, constant(12)).setBody(constant("ok"));
                from("direct:openai").to("orchestrate:b?intent=generate&delegate=direct:oai");
                from("direct:oai").setHeader(OrchestrateConstants.OPENAI_PROMPT_TOKENS, constant(321))
                        .setHeader(OrchestrateConstants.OPENAI_COMPLETION_TOKENS, constant(12)).setBody(constant("ok"));
                from("direct:json").to("orchestrate:c?intent=generate&delegate=direct:http");
                from("direct:http").setBody(constant(
                        "{\"id\":\"x\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}],"
                                + "\"usage\":{\"prompt_tokens\":321,\"completion_tokens\":12,\"total_tokens\":333}}"));
                from("direct:generic").to("orchestrate:d?intent=generate&delegate=direct:mine");
                from("direct:mine").setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, constant("321"))
                        .setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, constant("12")).setBody(constant("ok"));
                from("direct:counted").to("orchestrate:e?intent=generate&delegate=direct:silent");
                from("direct:silent").setBody(constant("A reply of a few words."));
            }
        };
    }

    @ParameterizedTest
    @CsvSource({ "direct:langchain4j", "direct:openai", "direct:json", "direct:generic" })
    void theDelegatesOwnReportWins(String route) {
        Exchange out = template.request(route, e -> e.getMessage().setBody("Write something."));

        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isEqualTo(333L);
    }

    @ParameterizedTest
    @CsvSource({ "direct:counted" })
    void withoutAReportTheModelsTokenizerCounts(String route) {
        Exchange out = template.request(route, e -> e.getMessage().setBody("Write something."));

        TokenCounter tokens = new TokenCounter();
        long expected = tokens.count("Write something.", "o200k_base") + tokens.count("A reply of a few words.", "o200k_base");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "direct:counted" })
    void aStaleReportOfAnEarlierStepIsNotReadAgain(String route) {
        Exchange out = template.request(route, e -> {
            e.getMessage().setHeader(OrchestrateConstants.LANGCHAIN4J_INPUT_TOKENS, 99999);
            e.getMessage().setBody("Write something.");
        });

        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isLessThan(100L);
    }
}
