package io.camelorchestration.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComplexityScorerTest {

    private final ComplexityScorer scorer = new ComplexityScorer();

    private Complexity of(String input) {
        return scorer.assess(null, input, 100);
    }

    @Test
    void plainProseIsSimple() {
        Complexity c = of("Hello, my order 4711 from 12/05/2024 has not arrived. Could you check it? Thanks, Anna");

        assertThat(c.features()).isEmpty();
        assertThat(c.score()).isZero();
        assertThat(c.complex()).isFalse();
        assertThat(scorer.score(null, 0)).isZero();
    }

    @Test
    void codeIsFoundButJsonIsNotCode() {
        String json = "{\n  \"order\": {\n    \"id\": \"A-1\",\n    \"items\": [1, 2]\n  }\n}";
        String java = "public class Foo {\n  private int x;\n  void run() {\n    x = compute();\n  }\n}";

        assertThat(of(json).features()).doesNotContain(ComplexityFeature.CODE);
        assertThat(of(java).features()).contains(ComplexityFeature.CODE);
        assertThat(of("see:\n```\nls -la\n```").features()).contains(ComplexityFeature.CODE);
        assertThat(of("import java.util.List;\nimport java.util.Map;").features()).contains(ComplexityFeature.CODE);
        assertThat(of("Package delivered\nImport duties paid").features()).doesNotContain(ComplexityFeature.CODE);
    }

    @Test
    void mathIsFoundButDatesAndRangesAreNotMath() {
        assertThat(of("Solve for x: 3x + 2 = 11").features()).contains(ComplexityFeature.MATH);
        assertThat(of("Prove that the sum of two even numbers is even.").features()).contains(ComplexityFeature.MATH);
        assertThat(of("What is 17 * 23?").features()).contains(ComplexityFeature.MATH);
        assertThat(of("Delivered 2024/05/01, pages 10-12, ref 12-34-56, proof of delivery attached").features())
                .doesNotContain(ComplexityFeature.MATH);
    }

    @Test
    void severalQuestionsAtOnceButNotAUrlsQueryString() {
        assertThat(of("Where is my parcel? When will it arrive? Can I change the address?").features())
                .contains(ComplexityFeature.SEVERAL_QUESTIONS);
        assertThat(of("Where is my parcel? When will it arrive?").features())
                .doesNotContain(ComplexityFeature.SEVERAL_QUESTIONS);
        assertThat(of("see https://x.io/a?b=1 and https://x.io/c?d=2 and https://x.io/e?f=3").features())
                .doesNotContain(ComplexityFeature.SEVERAL_QUESTIONS);
    }

    @Test
    void longFormWritingAskedForButNotADocumentThatMentionsAReport() {
        assertThat(scorer.assess("write a detailed report on the outage", "logs", 100).features())
                .contains(ComplexityFeature.LONG_FORM);
        assertThat(scorer.assess("an essay of at least 800 words", "topic", 100).features())
                .contains(ComplexityFeature.LONG_FORM);
        assertThat(scorer.assess("summarize in under 100 words", "The detailed report is attached.", 100).features())
                .doesNotContain(ComplexityFeature.LONG_FORM);
        assertThat(scorer.assess("at most 600 words", "text", 100).features())
                .doesNotContain(ComplexityFeature.LONG_FORM);
    }

    @Test
    void aLongInputIsAFeatureOfItsOwn() {
        assertThat(scorer.assess(null, "short text", ComplexityScorer.LONG_INPUT_TOKENS + 1).features())
                .containsExactly(ComplexityFeature.LONG_INPUT);
        assertThat(scorer.assess(null, "short text", ComplexityScorer.LONG_INPUT_TOKENS).features()).isEmpty();
    }

    @Test
    void anySingleFeatureMakesAStepComplexAndMoreFeaturesScoreHigher() {
        Complexity one = of("What is 17 * 23?");
        Complexity two = of("What is 17 * 23? And 3 * 9? And 2 * 2?");
        Complexity all = scorer.assess("write an essay", "```\nx\n``` What is 2 * 2? Why? How?", 20_000);

        assertThat(one.complex()).isTrue();
        assertThat(two.score()).isGreaterThan(one.score());
        assertThat(all.features()).hasSize(ComplexityFeature.values().length);
        assertThat(all.score()).isEqualTo(1.0);
        assertThat(all.describe()).isEqualTo("code, math, several-questions, long-form, long-input");
    }

    @Test
    void aHugeInputIsScannedOnlyInPart() {
        String huge = "plain words ".repeat(1_000_000) + "```\ncode\n```";

        Complexity c = scorer.assess(null, huge, 3_000_000);

        assertThat(c.features()).containsExactly(ComplexityFeature.LONG_INPUT);
    }
}
