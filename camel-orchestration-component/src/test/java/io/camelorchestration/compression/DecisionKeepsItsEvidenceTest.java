package io.camelorchestration.compression;

import java.io.IOException;

import io.camelorchestration.intent.Intent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision step (conditional, filter) is answered from the sentences that bear on its question, whose words are
 * often not the question's: they survive aggressive compression, and a text with nothing bearing on the question is
 * only cut lightly.
 */
class DecisionKeepsItsEvidenceTest {

    private static final String QUESTION = "Does this document call for an urgent reply? Answer yes or no.";
    private static final String EVIDENCE = "Engineers warned on Friday that the north levee is threatened by the rising river.";

    private static String report() throws IOException {
        String doc = InstructionInPromptTest.document();
        int middle = doc.indexOf(". ", doc.length() / 2) + 2;
        return doc.substring(0, middle) + EVIDENCE + " " + doc.substring(middle);
    }

    private static CompressionResult compress(Intent intent, String text) {
        return CompressionPipeline.defaults().compress(
                new CompressionRequest(QUESTION + "\n\n" + text, CompressionLevel.AGGRESSIVE, intent, null, "o200k_base",
                        false));
    }

    @Test
    void aConditionalStepKeepsTheSentenceThatDecidesIt() throws IOException {
        CompressionResult r = compress(Intent.CONDITIONAL, report());

        assertThat(r.text()).contains(EVIDENCE).startsWith(QUESTION);
        assertThat(r.tokensAfter()).isLessThan(r.tokensBefore() * 3 / 4);
    }

    @Test
    void aFilterStepToo() throws IOException {
        CompressionResult r = CompressionPipeline.defaults().compress(new CompressionRequest(report(),
                CompressionLevel.AGGRESSIVE, Intent.FILTER, "Keep only the urgent items", "o200k_base", false));

        assertThat(r.text()).contains(EVIDENCE);
    }

    @Test
    void aQuestionWithNothingBearingOnItIsCutOnlyLightly() throws IOException {
        CompressionResult decision = compress(Intent.CONDITIONAL, InstructionInPromptTest.document());
        CompressionResult summary = compress(Intent.SUMMARIZE, InstructionInPromptTest.document());

        assertThat(decision.tokensAfter()).isGreaterThanOrEqualTo((int) (decision.tokensBefore() * 0.6));
        assertThat(summary.tokensAfter()).isLessThan((int) (summary.tokensBefore() * 0.5));
    }

    @Test
    void widensOnlyTheGroupsTheQuestionNames() {
        assertThat(DecisionWords.expand("Is this urgent?")).contains("threatened", "emergency").doesNotContain("refund");
        assertThat(DecisionWords.expand("Summarize the report")).isEqualTo("Summarize the report");
    }
}
