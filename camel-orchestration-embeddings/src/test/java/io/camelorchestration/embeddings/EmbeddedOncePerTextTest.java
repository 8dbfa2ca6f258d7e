package io.camelorchestration.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.camelorchestration.classify.ClassificationMemo;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.classify.StepIntent;
import org.junit.jupiter.api.Test;

/**
 * The model runs when a step is set up and once per distinct instruction, never per message: a step with a fixed
 * description costs nothing per message, and an instruction seen before is answered from the memo.
 */
class EmbeddedOncePerTextTest {

    /** Counts the texts the model is asked to embed. */
    static final class Counting implements EmbeddingModel {
        final AtomicInteger texts = new AtomicInteger();

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            texts.addAndGet(segments.size());
            return BundledModel.model().embedAll(segments);
        }
    }

    private final Counting model = new Counting();
    private final EmbeddingIntentClassifier classifier = new EmbeddingIntentClassifier(model, List.of(
            new IntentExample(Intent.SUMMARIZE, "summarizeTicket", "condense the e-mail thread into three bullet points"),
            new IntentExample(Intent.SUMMARIZE, "tldr", "TL;DR of the release notes"),
            new IntentExample(Intent.EXTRACT, "extractInvoiceFields", "pull the invoice number and total out of the text"),
            new IntentExample(Intent.EXTRACT, "contactDetails", "get name, phone and email from the signature block"),
            new IntentExample(Intent.SEND, "notify", "send the confirmation e-mail to the customer")),
            EmbeddingSettings.DEFAULTS.withCombination(Combination.EMBEDDINGS_ONLY).withMinConfidence(0));

    @Test
    void aFixedDescriptionIsEmbeddedAtStartUpOnly() {
        StepIntent step = new StepIntent(classifier,
                new StepDescription("recap", "give me the gist of the long complaint", "direct:llm", null, ""),
                new ClassificationMemo());
        int atStart = model.texts.get();

        for (int i = 0; i < 100; i++) {
            assertThat(step.classify(null, "message " + i, 512).intent()).isEqualTo(Intent.SUMMARIZE);
        }

        assertThat(atStart).isPositive();
        assertThat(model.texts.get()).isEqualTo(atStart);
    }

    @Test
    void anInstructionIsEmbeddedOncePerText() {
        StepIntent step = new StepIntent(classifier, new StepDescription("step1", "", "direct:llm", null, ""),
                new ClassificationMemo());
        int atStart = model.texts.get();

        for (int i = 0; i < 20; i++) {
            assertThat(step.classify("pull the phone number out of the signature block", "body " + i, 512).intent())
                    .isEqualTo(Intent.EXTRACT);
        }

        // the instruction and the step id, once
        assertThat(model.texts.get() - atStart).isEqualTo(2);
    }
}
