package io.camelorchestration.component;

import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation as camel-langchain4j-chat takes it (CHAT_MULTIPLE_MESSAGES): the user's text is compressed, the
 * system message never is.
 */
class ChatMessagesBodyTest extends OrchestrateTestSupport {

    static final String SYSTEM = "You are a careful assistant.   Answer   briefly.\n\n\n\nNever invent facts.";

    {
        llm.answers("A short summary.");
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").to("orchestrate:summarize?intent=summarize&delegate=direct:llm");
            }
        };
    }

    @Test
    void userMessagesAreCompressedAndTheSystemMessageIsNot() throws Exception {
        String document = Langchain4jDelegateTest.document();
        List<ChatMessage> conversation = List.of(SystemMessage.from(SYSTEM), UserMessage.from(document));

        Exchange out = template.request("direct:chat", e -> e.getMessage().setBody(conversation));

        assertThat(out.getException()).isNull();
        assertThat(llm.received()).hasSize(1);
        List<?> sent = (List<?>) llm.received().get(0).body();
        assertThat(sent).hasSize(2);
        assertThat(((SystemMessage) sent.get(0)).text()).isEqualTo(SYSTEM);
        String userText = ((UserMessage) sent.get(1)).singleText();
        assertThat(userText.length()).isLessThan(document.length() / 2);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.COMPRESSION_APPLIED, Boolean.class)).isTrue();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_SAVED, Long.class)).isPositive();
        // the caller's list is not changed
        assertThat(((UserMessage) conversation.get(1)).singleText()).isEqualTo(document);
    }
}
