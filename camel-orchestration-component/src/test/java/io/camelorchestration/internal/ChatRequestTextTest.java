package io.camelorchestration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.internal.JsonMinifier;
import org.junit.jupiter.api.Test;

/**
 * Routing a request compression wrote, by putting the model and cap in their places: the same text as parsing it,
 * setting them on the tree and writing it again, for every place those fields can be in (or not be in).
 */
class ChatRequestTextTest {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9 \\\"q\\\"\\n\\t"
            + "\u2028 \u00e9\"}]";

    private static final List<String> REQUESTS = List.of(
            "{\"model\":\"gpt-4o\",\"max_tokens\":4000,\"temperature\":0.1000," + MESSAGES + "}",
            "{" + MESSAGES + ",\"max_tokens\":100,\"model\":\"gpt-4o\"}",
            "{\"max_tokens\":50," + MESSAGES + "}",
            "{\"model\":null," + MESSAGES + ",\"max_tokens\":\"many\"}",
            "{\"seed\":123456789012345678901234567890,\"top_p\":1.0E-7," + MESSAGES + "}",
            "{\"model\":{\"name\":\"x\"},\"max_completion_tokens\":0," + MESSAGES + ",\"max_tokens\":9}",
            "{\"max_completion_tokens\":1e3," + MESSAGES + ",\"model\":\"m\",\"stream\":true}",
            "{\"max_tokens\":-3,\"model\":\"a\",\"model\":\"b\"," + MESSAGES + ",\"user\":\"t\\u0001\"}",
            "{" + MESSAGES + "}");

    @Test
    void theTextIsTheOneTheRequestIsWrittenAs() {
        for (String request : REQUESTS) {
            ObjectNode tree = ChatRequestJson.parse(request);
            assertThat(ChatRequestJson.written(tree, request.length()).text()).isEqualTo(ChatRequestJson.write(tree));
        }
    }

    /** So the pipeline need not minify what the chat strategy wrote. */
    @Test
    void theTextIsMinified() {
        JsonMinifier minifier = new JsonMinifier();
        CompressionRequest asked = new CompressionRequest("", CompressionLevel.AGGRESSIVE, null, null, null, false);
        for (String request : REQUESTS) {
            String text = ChatRequestJson.written(ChatRequestJson.parse(request), 16).text();
            assertThat(minifier.apply(text, asked)).isEqualTo(text);
        }
    }

    @Test
    void routingTheTextGivesWhatRoutingTheTreeGives() {
        for (String request : REQUESTS) {
            for (String model : List.of("gpt-4o-mini", "o\"dd\\model\u00e9")) {
                for (int cap : new int[] { 0, 1, 80, 1000, 5000 }) {
                    ChatRequestText text = ChatRequestJson.written(ChatRequestJson.parse(request), 16);
                    ObjectNode tree = ChatRequestJson.parse(request);
                    ChatRequestJson.route(tree, model, cap);
                    assertThat(text.routed(model, cap)).as("%s, %s, %d", request, model, cap)
                            .isEqualTo(ChatRequestJson.write(tree));
                }
            }
        }
    }
}
