package io.camelorchestration.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A step's description is classified when the step is set up, an instruction once per distinct text, and the answers
 * are the classifier's own.
 */
class StepIntentTest {

    private final StepDescription step = new StepDescription("invoiceFields",
            "Pull the invoice number and the total out of the e-mail", "direct:llm", null, "");

    /** The built-in classifier, counting how often it is asked. */
    private static final class Counting implements IntentClassifier {
        final KeywordIntentClassifier keywords = new KeywordIntentClassifier();
        final AtomicInteger calls = new AtomicInteger();
        final boolean shapeOnly;

        Counting(boolean shapeOnly) {
            this.shapeOnly = shapeOnly;
        }

        @Override
        public Classification classify(StepDescription s) {
            calls.incrementAndGet();
            return keywords.classify(s);
        }

        @Override
        public boolean readsBodyShapeOnly() {
            return shapeOnly;
        }
    }

    @Test
    void aFixedDescriptionIsClassifiedAtSetUpAndNeverPerMessage() {
        Counting classifier = new Counting(true);
        StepIntent intent = new StepIntent(classifier, step, new ClassificationMemo());
        int atSetUp = classifier.calls.get();

        for (int i = 0; i < 1_000; i++) {
            assertThat(intent.classify(null, "Invoice INV-" + i + ", total EUR 12.00", 512).intent())
                    .isEqualTo(Intent.EXTRACT);
        }

        assertThat(atSetUp).isEqualTo(2); // a plain body and a JSON array
        assertThat(classifier.calls.get()).isEqualTo(atSetUp);
    }

    @Test
    void anInstructionIsClassifiedOncePerDistinctText() {
        Counting classifier = new Counting(true);
        ClassificationMemo memo = new ClassificationMemo();
        StepIntent intent = new StepIntent(classifier, step, memo);
        int atSetUp = classifier.calls.get();

        for (int i = 0; i < 100; i++) {
            assertThat(intent.classify("Condense the thread into three bullet points", "text " + i, 512).intent())
                    .isEqualTo(Intent.SUMMARIZE);
            assertThat(intent.classify("Is the customer angry, yes or no?", "text " + i, 512).intent())
                    .isEqualTo(Intent.CONDITIONAL);
        }

        assertThat(classifier.calls.get() - atSetUp).isEqualTo(2);
        assertThat(memo.size()).isEqualTo(2);
    }

    @Test
    void theMemoIsBounded() {
        ClassificationMemo memo = new ClassificationMemo(64);
        StepIntent intent = new StepIntent(new KeywordIntentClassifier(), step, memo);

        for (int i = 0; i < 10_000; i++) {
            intent.classify("Summarize ticket number " + i, "", 512);
        }

        assertThat(memo.size()).isLessThanOrEqualTo(64);
    }

    @Test
    void theSameInstructionOnAnotherStepIsClassifiedForThatStep() {
        ClassificationMemo memo = new ClassificationMemo();
        KeywordIntentClassifier keywords = new KeywordIntentClassifier();
        StepIntent mail = new StepIntent(keywords, new StepDescription("notify", null, "smtp:mail.example.com", null, ""), memo);
        StepIntent llm = new StepIntent(keywords, new StepDescription("answer", null, "direct:llm", null, ""), memo);

        String instruction = "Tell the customer the parcel is late";
        assertThat(mail.classify(instruction, "", 512))
                .isEqualTo(keywords.classify(new StepDescription("notify", null, "smtp:mail.example.com", instruction, "")));
        assertThat(llm.classify(instruction, "", 512))
                .isEqualTo(keywords.classify(new StepDescription("answer", null, "direct:llm", instruction, "")));
    }

    @Test
    void answersAreTheClassifiersOwnForEveryLabelledLineAndBodyShape() {
        KeywordIntentClassifier keywords = new KeywordIntentClassifier();
        ClassificationMemo memo = new ClassificationMemo();
        List<String> bodies = List.of("", "plain text", "  [{\"id\":1},{\"id\":2}]", "{\"id\":1}");
        List<LabelledSteps.Line> lines = new ArrayList<>(LabelledSteps.load("/intent/labelled-steps.tsv").lines());
        lines.addAll(LabelledSteps.load("/intent/heldout-steps.tsv").lines());
        for (LabelledSteps.Line line : lines) {
            StepDescription s = line.step();
            StepIntent asDescription = new StepIntent(keywords, s, memo);
            for (String body : bodies) {
                assertThat(asDescription.classify(null, body, 512)).as("%s / %s", line, body)
                        .isEqualTo(keywords.classify(s.withMessage(null, body)));
                StepDescription noDescription = new StepDescription(s.stepId(), null, s.delegateUri(), null, "");
                StepIntent stepOnly = new StepIntent(keywords, noDescription, memo);
                assertThat(stepOnly.classify(s.description(), body, 512)).as("%s as instruction / %s", line, body)
                        .isEqualTo(keywords.classify(noDescription.withMessage(s.description(), body)));
            }
        }
    }

    @Test
    void aClassifierThatReadsTheBodyIsAskedForEveryMessageWithASample() {
        List<String> samples = new ArrayList<>();
        IntentClassifier own = s -> {
            samples.add(s.bodySample());
            return Classification.declared(s.bodySample().contains("refund") ? Intent.SEND : Intent.GENERATE);
        };
        StepIntent intent = new StepIntent(own, step, new ClassificationMemo());

        assertThat(intent.classify(null, "please refund me", 512).intent()).isEqualTo(Intent.SEND);
        assertThat(intent.classify(null, "hello", 512).intent()).isEqualTo(Intent.GENERATE);
        assertThat(intent.classify(null, "x".repeat(2_000), 512).intent()).isEqualTo(Intent.GENERATE);

        assertThat(samples).hasSize(3);
        assertThat(samples.get(2)).hasSize(512);
    }

    @Test
    void aClassifierFailingAtSetUpIsAskedAgainPerMessage() {
        AtomicInteger calls = new AtomicInteger();
        IntentClassifier flaky = new IntentClassifier() {
            @Override
            public Classification classify(StepDescription s) {
                if (calls.incrementAndGet() <= 1) {
                    throw new IllegalStateException("model not loaded yet");
                }
                return Classification.declared(Intent.EXTRACT);
            }

            @Override
            public boolean readsBodyShapeOnly() {
                return true;
            }
        };
        StepIntent intent = new StepIntent(flaky, step, new ClassificationMemo());

        assertThat(intent.classify(null, "text", 512).intent()).isEqualTo(Intent.EXTRACT);
        assertThat(intent.classify(null, "text", 512).intent()).isEqualTo(Intent.EXTRACT);
        assertThat(calls.get()).isEqualTo(3);
    }
}
