package io.camelorchestration.example.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.camelorchestration.catalog.ModelCatalogLoader;
import io.camelorchestration.example.ExampleMain;
import io.camelorchestration.internal.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded OpenAI-compatible server as any OpenAI client sees it, over HTTP.
 */
class ChatServerTest {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static ChatServer server;
    private static String document;

    @BeforeAll
    static void start() throws Exception {
        server = ExampleMain.chatServer(ModelCatalogLoader.builtIn()).start();
        document = Files.readString(Path.of("src/main/resources/documents/ca02.txt"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsTheModelsOfTheCatalog() throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(res.body()).path("data").findValuesAsText("id")).contains("gpt-4o", "gpt-4o-mini");
    }

    @Test
    void usageIsCountedWithTheModelsTokenizerTheWayOpenAiCountsChatPrompts() throws Exception {
        String system = "Summarize the article in a few sentences.";
        JsonNode res = chat("gpt-4o", 0, system, document);

        String answer = res.at("/choices/0/message/content").asText();
        long expectedPrompt = 3 + (3 + O200K.countTokensOrdinary(system) + O200K.countTokensOrdinary("system"))
                + (3 + O200K.countTokensOrdinary(document) + O200K.countTokensOrdinary("user"));
        assertThat(res.at("/usage/prompt_tokens").asLong()).isEqualTo(expectedPrompt);
        assertThat(res.at("/usage/completion_tokens").asLong()).isEqualTo(O200K.countTokensOrdinary(answer));
        assertThat(answer.length()).isLessThan(document.length() / 3);
    }

    @Test
    void answersFollowTheTaskThePromptAsksFor() throws Exception {
        String extraction = chat("gpt-4o-mini", 0, null, "Extract the people as JSON.\n\n" + document)
                .at("/choices/0/message/content").asText();
        String condition = chat("gpt-4o-mini", 0, null, "Is this urgent? Answer yes or no.\n\n" + document)
                .at("/choices/0/message/content").asText();
        String verdict = chat("gpt-4o-mini", 0, null, "Validate this reply and give a verdict.\n\nHello there.")
                .at("/choices/0/message/content").asText();

        assertThat(JSON.readTree(extraction).path("people").isArray()).isTrue();
        assertThat(condition).isIn("yes", "no");
        assertThat(verdict).startsWith("INVALID").contains("no greeting");
    }

    @Test
    void maxTokensCutsTheAnswerAsAModelWould() throws Exception {
        JsonNode res = chat("gpt-4o", 5, null, "Summarize this.\n\n" + document);

        assertThat(res.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(res.at("/usage/completion_tokens").asLong()).isLessThanOrEqualTo(5);
    }

    @Test
    void unknownModelsAndInjectedFailuresAnswerLikeOpenAi() throws Exception {
        HttpResponse<String> unknown = post(server, request("gpt-7", 0, null, "hello"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("model_not_found");

        try (ChatServer failing = ExampleMain.chatServer(ModelCatalogLoader.builtIn()).errorRate(1.0, 1).start()) {
            HttpResponse<String> res = post(failing, request("gpt-4o", 0, null, "hello"));
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(failing.errors()).isEqualTo(1);
        }
    }

    private static JsonNode chat(String model, int maxTokens, String system, String user) throws Exception {
        HttpResponse<String> res = post(server, request(model, maxTokens, system, user));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private static String request(String model, int maxTokens, String system, String user) throws Exception {
        ObjectNode req = JSON.createObjectNode().put("model", model);
        if (maxTokens > 0) {
            req.put("max_tokens", maxTokens);
        }
        var messages = req.putArray("messages");
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages.addObject().put("role", "user").put("content", user);
        return JSON.writeValueAsString(req);
    }

    private static HttpResponse<String> post(ChatServer target, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
