package io.camelorchestration.compress.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.BrownSample;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.text.TokenCounter;
import org.junit.jupiter.api.Test;

class ChatMessageCompressorTest {

    private final ChatMessageCompressor compressor = new ChatMessageCompressor();

    @Test
    void compressesUserTextAndLeavesSystemAndAiMessagesAlone() {
        String article = BrownSample.byId("ca01").text();
        SystemMessage system = SystemMessage.from(BrownSample.byId("ch01").text());
        AiMessage earlier = AiMessage.from("Understood,    send the article.");
        UserMessage user = UserMessage.from("reporter", article);
        List<ChatMessage> conversation = List.of(system, earlier, user);

        ChatMessageCompressor.Result r = compressor.compress(conversation, CompressionLevel.AGGRESSIVE,
                Intent.SUMMARIZE, null, "cl100k_base", false);

        assertThat(r.messages()).hasSize(3);
        assertThat(r.messages().get(0)).isSameAs(system);
        assertThat(r.messages().get(1)).isSameAs(earlier);
        UserMessage compressed = (UserMessage) r.messages().get(2);
        assertThat(compressed.name()).isEqualTo("reporter");
        assertThat(compressed.singleText().length()).isLessThan(article.length() / 2);
        assertThat(r.tokensBefore()).isEqualTo(TokenCounter.shared().count(article, "cl100k_base"));
        assertThat(r.tokensAfter()).isEqualTo(TokenCounter.shared().count(compressed.singleText(), "cl100k_base"));
        assertThat(conversation.get(2)).isSameAs(user);
        assertThat(user.singleText()).isEqualTo(article);
    }

    @Test
    void keepsNonTextContentAndShortQuestions() {
        String article = BrownSample.byId("cj01").text();
        ImageContent image = ImageContent.from("https://example.org/figure.png");
        UserMessage withImage = UserMessage.from(TextContent.from(article), image);
        UserMessage question = UserMessage.from("What does the study measure?");

        ChatMessageCompressor.Result r = compressor.compress(List.of(withImage, question), CompressionLevel.AGGRESSIVE,
                Intent.SUMMARIZE, "What does the study measure?", null, false);

        UserMessage first = (UserMessage) r.messages().get(0);
        assertThat(first.contents()).hasSize(2);
        assertThat(first.contents().get(1)).isEqualTo(image);
        assertThat(((TextContent) first.contents().get(0)).text().length()).isLessThan(article.length() / 2);
        assertThat(r.messages().get(1)).isSameAs(question);
        assertThat(r.applied()).isTrue();
    }
}
