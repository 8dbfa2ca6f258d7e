package io.camelorchestration.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Users often put the instruction in the body itself, above the document. Selection may drop sentences of the
 * document, never the instruction: without it the model would do another task.
 */
class InstructionInPromptTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "EXTRACT|LIGHT|true|Extract the title, people, dates and amounts of this article as JSON.",
            "SUMMARIZE|AGGRESSIVE|false|Summarize the following article in three sentences.",
            "CONDITIONAL|AGGRESSIVE|false|Decide whether this article reports a crime; answer yes or no.",
            "CONDITIONAL|AGGRESSIVE|false|Does this document call for an urgent reply? Answer yes or no.",
            "AGGREGATE|AGGRESSIVE|false|Please combine these reports into one account and answer in plain prose.",
    })
    void theInstructionAboveTheDocumentSurvives(Intent intent, CompressionLevel level, boolean protect, String instruction)
            throws IOException {
        String prompt = instruction + "\n\n" + document();

        CompressionResult r = CompressionPipeline.defaults().compress(
                new CompressionRequest(prompt, level, intent, null, "o200k_base", protect));

        assertThat(r.applied()).isTrue();
        assertThat(r.text()).startsWith(instruction);
    }

    static String document() throws IOException {
        try (InputStream in = InstructionInPromptTest.class.getResourceAsStream("/llm/ca01.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @org.junit.jupiter.api.Test
    void aQuestionInThePromptDecidesWhatASummaryKeeps() throws IOException {
        String evidence = "The customer adds that the urgent replacement must reach the warehouse before Friday.";
        String prompt = "Does this order need an urgent replacement? Answer yes or no.\n\n" + document() + "\n\n" + evidence;

        CompressionResult r = CompressionPipeline.defaults().compress(
                new CompressionRequest(prompt, CompressionLevel.AGGRESSIVE, Intent.CONDITIONAL, null, "o200k_base", false));

        assertThat(r.tokensAfter()).isLessThan(r.tokensBefore() / 2);
        assertThat(r.text()).contains(evidence);
    }
}
