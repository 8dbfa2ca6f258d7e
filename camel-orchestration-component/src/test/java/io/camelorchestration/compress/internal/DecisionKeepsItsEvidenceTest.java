package io.camelorchestration.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.compress.Relatedness;
import io.camelorchestration.text.TokenCounter;
import org.junit.jupiter.api.Test;

/**
 * A decision step (conditional, filter) is answered from the sentences that bear on its question, whose words are
 * often not the question's: they survive aggressive compression, and a text with nothing bearing on the question is
 * cut less than a summary (only lightly when nothing could judge the question by meaning). Other steps still compress
 * to their target.
 */
class DecisionKeepsItsEvidenceTest {

    private static final String QUESTION = "Does this document call for an urgent reply? Answer yes or no.";
    /** Shares no word with the question: "threatened" is urgency by meaning. */
    private static final String EVIDENCE = "Engineers warned on Friday that the north levee is threatened by the rising river.";

    private static String report() throws IOException {
        String doc = InstructionInPromptTest.document();
        int middle = doc.indexOf(". ", doc.length() / 2) + 2;
        return doc.substring(0, middle) + EVIDENCE + " " + doc.substring(middle);
    }

    private static CompressionResult compress(Compressor compressor, Intent intent, String prompt) {
        return compressor.compress(
                new CompressionRequest(prompt, CompressionLevel.AGGRESSIVE, intent, null, "o200k_base", false));
    }

    private static CompressionResult compress(Intent intent, String prompt) {
        return compress(CompressionPipeline.defaults(), intent, prompt);
    }

    @Test
    void aConditionalStepKeepsTheSentenceThatDecidesItAndStillCompresses() throws IOException {
        CompressionResult r = compress(Intent.CONDITIONAL, QUESTION + "\n\n" + report());

        assertThat(r.text()).startsWith(QUESTION).contains(EVIDENCE);
        assertThat(r.tokensAfter()).isLessThan(r.tokensBefore() / 2);
    }

    @Test
    void aStepThatDecidesNothingStillCompressesToItsTarget() throws IOException {
        CompressionResult r = compress(Intent.SUMMARIZE, QUESTION + "\n\n" + report());

        assertThat(r.text()).startsWith(QUESTION);
        assertThat(r.tokensAfter()).isLessThan((int) (r.tokensBefore() * (SummarySelector.DEFAULT_KEEP + 0.05)));
    }

    @Test
    void aFilterStepLosesNoSentence() throws IOException {
        CompressionResult r = CompressionPipeline.defaults().compress(new CompressionRequest(report(),
                CompressionLevel.AGGRESSIVE, Intent.FILTER, "Keep only the urgent items", "o200k_base", false));

        assertThat(r.text()).contains(EVIDENCE);
        assertThat(r.strategies()).doesNotContain("question-aware-selection", "summary-selection");
    }

    @Test
    void aTextWithNothingBearingOnTheQuestionIsCutLessThanASummary() throws IOException {
        String prompt = QUESTION + "\n\n" + InstructionInPromptTest.document();

        CompressionResult decision = compress(Intent.CONDITIONAL, prompt);
        CompressionResult summary = compress(Intent.SUMMARIZE, prompt);

        assertThat(decision.applied()).isTrue();
        assertThat(decision.tokensAfter()).isGreaterThanOrEqualTo((int) (decision.tokensBefore() * 0.45))
                .isGreaterThan(summary.tokensAfter());
        assertThat(summary.tokensAfter()).isLessThan((int) (summary.tokensBefore() * 0.45));
    }

    @Test
    void aQuestionNothingCanJudgeByMeaningIsCutOnlyLightly() throws IOException {
        // no synonym group knows this question, and no sentence shares its words
        String prompt = "Is this about quantum chromodynamics? Answer yes or no.\n\n" + InstructionInPromptTest.document();

        CompressionResult r = compress(Intent.CONDITIONAL, prompt);

        assertThat(r.applied()).isTrue();
        assertThat(r.tokensAfter()).isGreaterThanOrEqualTo((int) (r.tokensBefore() * 0.65));
    }

    @Test
    void anotherRelatednessCanFindTheEvidence() throws IOException {
        String question = "Is the town safe tonight? Answer yes or no.";
        // stands in for sentence embeddings: the synonyms know nothing about safety
        Relatedness floods = (q, units) -> units.stream().mapToDouble(u -> u.contains("levee") ? 0.8 : 0).toArray();
        String prompt = question + "\n\n" + report();

        CompressionResult withIt = compress(CompressionPipeline.defaults(TokenCounter.shared(),
                CompressionPipeline.DEFAULT_MIN_TOKENS, floods), Intent.CONDITIONAL, prompt);
        CompressionResult synonyms = compress(Intent.CONDITIONAL, prompt);

        assertThat(withIt.text()).contains(EVIDENCE);
        assertThat(withIt.tokensAfter()).isLessThan(withIt.tokensBefore() / 2);
        assertThat(synonyms.tokensAfter()).isGreaterThan(withIt.tokensAfter());
    }

    @Test
    void theSynonymsWidenOnlyTheGroupsTheQuestionNames() {
        assertThat(DecisionWords.related("Is this urgent?")).contains("threatened", "emergency").doesNotContain("refund");
        assertThat(DecisionWords.related("Summarize the report")).isEmpty();
        assertThat(Relatedness.synonyms().scores("Is it urgent?", List.of("The dam is threatened.", "It rained.")))
                .containsExactly(0.5, 0.0);
        assertThat(Relatedness.synonyms().scores("Summarize the report", List.of("It rained."))).isNull();
    }
}
