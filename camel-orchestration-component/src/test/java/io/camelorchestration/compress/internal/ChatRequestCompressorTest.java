package io.camelorchestration.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.BrownSample;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.internal.Json;
import org.junit.jupiter.api.Test;

/** An OpenAI-style request body: only user content is compressed, everything else keeps its value. */
class ChatRequestCompressorTest {

    private final ObjectMapper mapper = Json.MAPPER;
    private final Compressor compressor = CompressionPipeline.defaults();

    @Test
    void compressesUserContentAndLeavesTheSystemPromptAlone() throws Exception {
        String article = BrownSample.byId("ca01").text();
        String system = "You are a careful assistant.    Answer   in   two   sentences.\n\n\n\nNever invent facts.";
        String body = mapper.writeValueAsString(mapper.createObjectNode()
                .put("model", "gpt-4o-mini")
                .put("temperature", 0.70)
                .set("messages", mapper.createArrayNode()
                        .add(mapper.createObjectNode().put("role", "system").put("content", system))
                        .add(mapper.createObjectNode().put("role", "user").put("content", article))
                        .add(mapper.createObjectNode().put("role", "assistant").put("content", "  Noted.  "))));
        String pretty = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(body))
                .replace("0.7", "0.70");

        CompressionResult r = compressor.compress(new CompressionRequest(pretty, CompressionLevel.AGGRESSIVE,
                Intent.SUMMARIZE, null, null, false));

        JsonNode out = mapper.readTree(r.text());
        assertThat(r.strategies()).contains("chat-messages");
        assertThat(r.text()).contains("\"temperature\":0.70");
        assertThat(out.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(out.at("/messages/0/content").asText()).isEqualTo(system);
        assertThat(out.at("/messages/2/content").asText()).isEqualTo("  Noted.  ");
        String user = out.at("/messages/1/content").asText();
        assertThat(user.length()).isLessThan(article.length() / 2);
        assertThat(article).contains(user.substring(0, 60));
        assertThat(r.tokensAfter()).isLessThan(r.tokensBefore());
    }

    @Test
    void compressesTheTextPartsOfAContentArray() throws Exception {
        String article = BrownSample.byId("cj01").text();
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                + mapper.writeValueAsString(article)
                + "},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.org/a.png\"}}]}]}";
        CompressionResult r = compressor.compress(new CompressionRequest(body, CompressionLevel.AGGRESSIVE,
                Intent.SUMMARIZE, null, null, false));
        JsonNode out = mapper.readTree(r.text());
        assertThat(out.at("/messages/0/content/0/text").asText().length()).isLessThan(article.length() / 2);
        assertThat(out.at("/messages/0/content/1/image_url/url").asText()).isEqualTo("https://example.org/a.png");
    }

    @Test
    void aBodyWithOnlyASystemPromptIsOnlyMinified() throws Exception {
        String system = BrownSample.byId("ch01").text();
        String body = "{ \"messages\" : [ { \"role\" : \"system\", \"content\" : " + mapper.writeValueAsString(system)
                + " } ] }";
        CompressionResult r = compressor.compress(new CompressionRequest(body, CompressionLevel.AGGRESSIVE,
                Intent.SUMMARIZE, null, null, false));
        assertThat(mapper.readTree(r.text()).at("/messages/0/content").asText()).isEqualTo(system);
        assertThat(r.strategies()).containsExactly("json-minify");
    }

    @Test
    void theLastOfSeveralUserTurnsIsTheQuestionTheEarlierOnesAreSelectedFor() throws Exception {
        String article = BrownSample.byId("ca01").text();
        String question = "Who was elected school superintendent of Miller County, and how did the policeman describe"
                + " the election? Please answer with the name of the new superintendent and quote the policeman's"
                + " words exactly as they appear in the article above, without any commentary of your own.";
        String body = mapper.writeValueAsString(mapper.createObjectNode().set("messages", mapper.createArrayNode()
                .add(mapper.createObjectNode().put("role", "user").put("content", article))
                .add(mapper.createObjectNode().put("role", "user").put("content", question))));

        CompressionResult r = compressor.compress(new CompressionRequest(body, CompressionLevel.AGGRESSIVE,
                Intent.SUMMARIZE, null, null, false));

        JsonNode out = mapper.readTree(r.text());
        assertThat(out.at("/messages/1/content").asText()).isEqualTo(question);
        String context = out.at("/messages/0/content").asText();
        assertThat(context.length()).isLessThan(article.length() / 2);
        assertThat(context).contains("coolest election I ever saw in this county");
    }
}
