package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelorchestration.component.testing.FakeLlm.UsageShape;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.text.TokenCounter;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where the step's token usage comes from: the delegate's own report wins, else the tokenizer counts.
 */
class UsageReadBackTest extends OrchestrateTestSupport {

    {
        fakeLlm("direct:lc4j").usage(321, 12).usageAs(UsageShape.LANGCHAIN4J_HEADERS);
        fakeLlm("direct:oai").usage(321, 12).usageAs(UsageShape.OPENAI_HEADERS);
        fakeLlm("direct:http").usage(321, 12).usageAs(UsageShape.OPENAI_JSON);
        // a route of the user's that reports in text
        fakeLlm("direct:mine").replyHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, call -> "321")
                .replyHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, call -> "12");
        fakeLlm("direct:silent").answers("A reply of a few words.");
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setDefaultModel("gpt-4o-mini");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:langchain4j").to("orchestrate:a?intent=generate&delegate=direct:lc4j");
                from("direct:openai").to("orchestrate:b?intent=generate&delegate=direct:oai");
                from("direct:json").to("orchestrate:c?intent=generate&delegate=direct:http");
                from("direct:generic").to("orchestrate:d?intent=generate&delegate=direct:mine");
                from("direct:counted").to("orchestrate:e?intent=generate&delegate=direct:silent");
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
