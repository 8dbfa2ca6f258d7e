package io.camelorchestration.component.langchain4j;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The billed token types langchain4j's provider modules report, read without compiling against them. */
class TokenUsageDetailsTest {

    @Test
    void openAiCachedAndReasoningTokensAreInsideItsCounts() {
        TokenUsage usage = OpenAiTokenUsage.builder().inputTokenCount(1000).outputTokenCount(100)
                .inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder().cachedTokens(800).build())
                .outputTokensDetails(OpenAiTokenUsage.OutputTokensDetails.builder().reasoningTokens(60).build())
                .build();

        assertThat(TokenUsageDetails.of(usage)).isEqualTo(new TokenUsageDetails(800, 0, 60, 0));
    }

    @Test
    void aPlainTokenUsageHasNoDetails() {
        assertThat(TokenUsageDetails.of(new TokenUsage(10, 5))).isSameAs(TokenUsageDetails.NONE);
    }

    @Test
    void anthropicShapedUsageAddsCacheReadsAndWritesBesideItsInput() {
        assertThat(TokenUsageDetails.of(new AnthropicShaped(150, 100, 800, 50)))
                .isEqualTo(new TokenUsageDetails(800, 50, 0, 850));
    }

    @Test
    void theListenerCapturesAllInputOfAStep() {
        UsageCapture.Capture capture = new UsageCapture.Capture();
        UsageCapture.Capture before = UsageCapture.bind(capture);
        try {
            TokenUsageDetails d = TokenUsageDetails.of(new AnthropicShaped(150, 100, 800, 50));
            UsageCapture.record(150 + d.inputBeside(), 100, d.cachedInput(), d.cacheWriteInput(), d.reasoning());
        } finally {
            UsageCapture.restore(before);
        }
        assertThat(capture.take()).isEqualTo(new CapturedUsage(1000, 100, 800, 50, 0));
    }

    /** The shape of langchain4j-anthropic's AnthropicTokenUsage (that module is not on the test class path). */
    public static final class AnthropicShaped extends TokenUsage {
        private final Integer cacheRead;
        private final Integer cacheCreation;

        AnthropicShaped(int input, int output, int cacheRead, int cacheCreation) {
            super(input, output);
            this.cacheRead = cacheRead;
            this.cacheCreation = cacheCreation;
        }

        public Integer cacheReadInputTokens() {
            return cacheRead;
        }

        public Integer cacheCreationInputTokens() {
            return cacheCreation;
        }
    }
}
