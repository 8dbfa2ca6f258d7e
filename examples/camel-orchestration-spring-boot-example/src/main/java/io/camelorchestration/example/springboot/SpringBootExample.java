package io.camelorchestration.example.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;

import dev.langchain4j.model.chat.ChatModel;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelCatalogLoader;
import io.camelorchestration.example.ExampleMain;
import io.camelorchestration.example.StepLedger;
import io.camelorchestration.example.server.ChatServer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The example workflow on Spring Boot: the camel-main example's routes ({@code routes/correspondence.yaml}), documents,
 * model catalog and embedded OpenAI-compatible server, with camel-spring-boot and the orchestration starter. What is
 * Spring Boot's here is only this class and {@code application.properties}: the two chat model beans and the step
 * ledger. Run it once ({@link CorrespondenceRun} prints the comparison and the application exits), or with
 * {@code --serve} to keep it running with the actuator and JMX.
 */
@SpringBootApplication
public class SpringBootExample {

    public static void main(String[] args) {
        boolean serve = Arrays.asList(args).contains("--serve");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringBootExample.class)
                .web(serve ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .properties("example.serve=" + serve)
                .run(Arrays.stream(args).filter(a -> !a.equals("--serve")).toArray(String[]::new));
        if (!serve) {
            System.exit(SpringApplication.exit(context));
        }
    }

    @Bean
    ModelCatalog exampleCatalog() throws IOException {
        try (InputStream in = SpringBootExample.class.getClassLoader().getResourceAsStream(ExampleMain.CATALOG)) {
            return ModelCatalogLoader.load(in, ExampleMain.CATALOG);
        }
    }

    /** Offline: the embedded server, unless {@code example.llm.base-url} names a real endpoint. */
    @Bean(destroyMethod = "close")
    ChatServer chatServer(ModelCatalog exampleCatalog, @Value("${example.server.latency-ms:0}") long latencyMs,
                          @Value("${example.server.error-rate:0}") double errorRate) throws IOException {
        return ExampleMain.chatServer(exampleCatalog).latency(Duration.ofMillis(latencyMs)).errorRate(errorRate, 42).start();
    }

    /** The example's own books, a Camel event notifier (camel-spring-boot picks it up from the context). */
    @Bean
    StepLedger stepLedger() {
        return new StepLedger();
    }

    @Bean
    LlmEndpoint llmEndpoint(ChatServer chatServer, @Value("${example.llm.base-url:}") String baseUrl,
                            @Value("${example.llm.api-key-env:OPENAI_API_KEY}") String apiKeyEnv) {
        if (baseUrl.isBlank()) {
            return new LlmEndpoint(chatServer.baseUrl(), "not-needed-offline", "embedded OpenAI-compatible server at " + chatServer.baseUrl());
        }
        String key = System.getenv(apiKeyEnv);
        return new LlmEndpoint(baseUrl, key == null || key.isBlank() ? "none" : key, baseUrl);
    }

    /** The beans the routes name ({@code chatModel=#gpt4o}); routing may send a step to {@code #gpt4oMini}. */
    @Bean
    ChatModel gpt4o(LlmEndpoint llm, ModelCatalog exampleCatalog, StepLedger stepLedger,
                    @Value("${example.llm.large-model:gpt-4o}") String remoteName) {
        return ExampleMain.chatModel(llm.baseUrl(), llm.apiKey(), remoteName, exampleCatalog.find("gpt-4o").orElseThrow(), stepLedger);
    }

    @Bean
    ChatModel gpt4oMini(LlmEndpoint llm, ModelCatalog exampleCatalog, StepLedger stepLedger,
                        @Value("${example.llm.small-model:gpt-4o-mini}") String remoteName) {
        return ExampleMain.chatModel(llm.baseUrl(), llm.apiKey(), remoteName, exampleCatalog.find("gpt-4o-mini").orElseThrow(),
                stepLedger);
    }

    /** Where the chat models send their requests. */
    record LlmEndpoint(String baseUrl, String apiKey, String description) {
    }
}
