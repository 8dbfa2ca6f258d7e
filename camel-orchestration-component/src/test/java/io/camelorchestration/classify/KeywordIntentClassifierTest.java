package io.camelorchestration.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeywordIntentClassifierTest {

    private static final String LLM = "langchain4j-chat:llm?chatModel=#chatModel";

    private final KeywordIntentClassifier classifier = new KeywordIntentClassifier();

    private Classification classify(String stepId, String description) {
        return classifier.classify(new StepDescription(stepId, description, LLM, null, ""));
    }

    @Test
    void readsTheStepIdAndTheDescription() {
        Classification c = classifier.classify(
                new StepDescription("summarizeTicket", "condense the customer e-mail", "langchain4j-chat:x", null, ""));

        assertThat(c.intent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(c.confidence()).isGreaterThanOrEqualTo(KeywordIntentClassifier.DEFAULT_MIN_CONFIDENCE);
    }

    @Test
    void aClassifierThatHasSeenOtherStepsAnswersAsANewOne() {
        // the same texts in different fields (each field has its own weight), and the same step again
        List<StepDescription> steps = List.of(
                new StepDescription("summarizeTicket", "condense the customer e-mail", LLM, null, ""),
                new StepDescription("condense the customer e-mail", "summarizeTicket", LLM, null, ""),
                new StepDescription("reply", "summarizeTicket", "smtp:mail", "extract the invoice number", ""),
                new StepDescription("extract the invoice number", "reply", LLM, null, "{\"a\":1}"),
                new StepDescription("summarizeTicket", "condense the customer e-mail", LLM, null, ""));
        for (StepDescription step : steps) {
            assertThat(classifier.classify(step)).as(step.toString())
                    .isEqualTo(new KeywordIntentClassifier().classify(step));
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            assertThat(classifier.classify(steps.get(i))).isEqualTo(new KeywordIntentClassifier().classify(steps.get(i)));
        }
    }

    @Test
    void splitsCamelCaseAndKebabCaseStepIds() {
        assertThat(classify("extractInvoiceFields", "").intent()).isEqualTo(Intent.EXTRACT);
        assertThat(classify("send-order-confirmation", "").intent()).isEqualTo(Intent.SEND);
        assertThat(classify("XMLToCanonicalOrder", "").intent()).isEqualTo(Intent.TRANSFORM);
        assertThat(classify("dedupe_leads", "").intent()).isEqualTo(Intent.AGGREGATE);
    }

    @Test
    void matchesInflectedAndBritishSpellings() {
        assertThat(classify("step", "summarised version of the report").intent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(classify("step", "normalising the postcodes").intent()).isEqualTo(Intent.TRANSFORM);
        assertThat(classify("step", "merged view of the three feeds").intent()).isEqualTo(Intent.AGGREGATE);
        assertThat(classify("step", "verifies the signature").intent()).isEqualTo(Intent.VALIDATE);
    }

    @Test
    void aNegatedVerbDoesNotCount() {
        assertThat(classify("step", "don't summarize, extract the order number").intent()).isEqualTo(Intent.EXTRACT);
        assertThat(classify("step", "do not send anything, only validate the payload").intent())
                .isEqualTo(Intent.VALIDATE);
    }

    @Test
    void aPhraseOutweighsItsWords() {
        // "sum up" is a summary, not a sum; "keep only" a filter
        assertThat(classify("step", "sum up the discussion").intent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(classify("step", "keep only the urgent ones").intent()).isEqualTo(Intent.FILTER);
    }

    @Test
    void theNounAfterALightVerbSaysWhatTheStepDoes() {
        assertThat(classify("step", "give an overview of the quarter").intent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(classify("step", "write a summary of the call").intent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(classify("step", "write a reply to the customer").intent()).isEqualTo(Intent.GENERATE);
    }

    @Test
    void theInstructionOverridesTheDescription() {
        StepDescription step = new StepDescription("assistant", "summarize the document", LLM, null, "");

        assertThat(classifier.classify(step).intent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(classifier.classify(step.withMessage("translate this into French", "Bonjour")).intent())
                .isEqualTo(Intent.TRANSFORM);
    }

    @Test
    void aMessagingDelegateIsASendStep() {
        StepDescription step = new StepDescription("notifyOps", "", "smtp://mail.example.com?to=ops@example.com",
                null, "");
        StepDescription kafka = new StepDescription("step7", "", "RAW(kafka:orders?brokers=localhost:9092)", null, "");

        assertThat(classifier.classify(step).intent()).isEqualTo(Intent.SEND);
        assertThat(classifier.classify(kafka).intent()).isEqualTo(Intent.SEND);
    }

    @Test
    void theDelegatePathCountsButNotItsScheme() {
        assertThat(classifier.classify(new StepDescription("step", "", "direct:summarize", null, "")).intent())
                .isEqualTo(Intent.SUMMARIZE);
        // "langchain4j-chat" names how, not what
        assertThat(classifier.classify(new StepDescription("step", "", "langchain4j-chat:llm", null, "")).intent())
                .isEqualTo(Intent.GENERATE);
    }

    @Test
    void nothingToGoOnIsTheSafeDefaultWithNoConfidence() {
        Classification c = classifier.classify(new StepDescription(null, null, null, null, null));

        assertThat(c.intent()).isEqualTo(Intent.GENERATE);
        assertThat(c.confidence()).isZero();
    }

    @Test
    void aBodyShapeAloneDecidesNothing() {
        Classification c = classifier.classify(new StepDescription("step", "", LLM, null, "[{\"id\":1},{\"id\":2}]"));

        assertThat(c.intent()).isEqualTo(Intent.GENERATE);
    }

    @Test
    void confidenceIsTheMarginOverTheRunnerUp() {
        Classification clear = classify("step", "summarize the report");
        Classification contested = classify("step", "summarize the report and extract the dates");
        // the id says one thing, the description another
        Classification tied = classify("filterFeeds", "merge the feeds");

        assertThat(clear.intent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(contested.confidence()).isLessThan(clear.confidence());
        assertThat(tied.intent()).isEqualTo(Intent.GENERATE);
        assertThat(tied.confidence()).isLessThan(KeywordIntentClassifier.DEFAULT_MIN_CONFIDENCE);
        assertThat(tied.reason()).contains("safe default");
    }

    @Test
    void moreEvidenceMeansMoreConfidence() {
        Classification weak = classify("step", "a short one");
        Classification strong = classify("summarizeReport", "summarize the report in a short paragraph");

        assertThat(strong.confidence()).isGreaterThan(weak.confidence());
        assertThat(weak.intent()).isEqualTo(Intent.GENERATE);
    }

    @Test
    void aStricterThresholdFallsBackSooner() {
        KeywordIntentClassifier strict = new KeywordIntentClassifier(0.99);
        Classification c = strict.classify(new StepDescription("step", "merge the feeds", LLM, null, ""));

        assertThat(c.intent()).isEqualTo(Intent.GENERATE);
        assertThat(c.confidence()).isGreaterThan(0).isLessThan(0.99);
        assertThatThrownBy(() -> new KeywordIntentClassifier(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }

    @Test
    void aHugeInstructionIsReadOnlyAtItsStart() {
        String instruction = "Summarize the following. " + "Lorem ipsum dolor sit amet. ".repeat(100)
                + "Send, forward and deliver it. ".repeat(100_000);

        Classification c = classifier.classify(new StepDescription("step", "", LLM, instruction, ""));

        assertThat(c.intent()).isEqualTo(Intent.SUMMARIZE);
    }

    @Test
    void isDeterministic() {
        StepDescription step = new StepDescription("enrichLead", "add company size and industry", LLM, null, "");

        assertThat(classifier.classify(step)).isEqualTo(new KeywordIntentClassifier().classify(step));
    }
}
