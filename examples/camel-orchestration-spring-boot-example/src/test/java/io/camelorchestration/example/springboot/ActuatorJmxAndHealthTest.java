package io.camelorchestration.example.springboot;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.example.ExampleMain;
import io.camelorchestration.internal.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example application as it runs in production, seen from outside over real HTTP and JMX: Spring Boot with
 * camel-spring-boot, the orchestration starter, the actuator and the Prometheus registry; the budgets in a JDBC ledger
 * on a real PostgreSQL (the application's own DataSource bean). Orchestration starts off and is switched on through
 * the component MBean; the meters show in /actuator/prometheus with the actuator's common tag; the orchestrate health
 * is UP, and DOWN once the database is gone.
 */
// metrics export is off in Spring Boot tests unless asked for: the Prometheus scrape endpoint is what this test reads
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = { SpringBootExample.class, ActuatorJmxAndHealthTest.Database.class },
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = { "example.run=false", "camel.component.orchestrate.ledger=jdbc",
                               "camel.component.orchestrate.budgets=*=1000000 tokens/day hard" })
class ActuatorJmxAndHealthTest {

    private static EmbeddedPostgres postgres;

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camelContext;
    @Autowired
    OrchestrateComponent orchestrate;
    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The application's own DataSource: the JDBC ledger uses it (the user's bean wins). */
    @TestConfiguration
    static class Database {
        @Bean
        DataSource dataSource() {
            return postgres.getPostgresDatabase();
        }
    }

    @Test
    void switchedOnOverJmxMeteredInPrometheusHealthInTheActuator() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName mbean = new ObjectName("org.apache.camel:context=" + camelContext.getName()
                                          + ",type=components,name=\"orchestrate\"");
        assertThat(jmx.getAttribute(mbean, "Enabled")).isEqualTo(false);
        assertThat(orchestrate.getDataSource()).isSameAs(dataSource);

        List<ExampleMain.Document> documents = ExampleMain.documents(camelContext);
        send(documents.get(0), "off");
        assertThat(orchestrate.getStepsOrchestrated()).isZero();

        // the operator's flip: the next exchange is orchestrated
        jmx.setAttribute(mbean, new Attribute("Enabled", true));
        send(documents.get(1), "on");
        assertThat(orchestrate.getStepsOrchestrated()).isPositive();
        assertThat(orchestrate.getTotalTokensUsed()).isPositive();

        String prometheus = get("/actuator/prometheus").body();
        assertThat(prometheus).contains("gen_ai_client_token_usage_total{");
        // every orchestration meter carries the actuator's common tag; together they count what the component counted
        // orchestration.tokens.used has the base unit tokens: orchestration_tokens_used_tokens_total (docs/metrics-and-jmx.md)
        assertThat(sum(prometheus, "orchestration_tokens_used_tokens_total", "application=\"orchestration-example\""))
                .isEqualTo((double) orchestrate.getTotalTokensUsed());

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode check = Json.MAPPER.readTree(health.body()).path("components").path("orchestrate");
        assertThat(check.path("status").asText()).isEqualTo("UP");
        assertThat(check.path("details").path("budget.store").asText()).isEqualTo("JdbcBudgetLedger");
        assertThat(check.path("details").path("budget.store.reachable").asBoolean()).isTrue();

        postgres.close();
        postgres = null;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> down = get("/actuator/health/orchestrate");
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode json = Json.MAPPER.readTree(down.body());
            assertThat(json.path("status").asText()).isEqualTo("DOWN");
            assertThat(json.path("details").path("budget.store.reachable").asBoolean(true)).isFalse();
        });
    }

    @Test
    void theIdeFindsEveryOptionInTheStartersMetadata() throws Exception {
        String ours = null;
        for (var url : java.util.Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (var in = url.openStream()) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (text.contains("\"camel.component.orchestrate\"")) {
                    ours = text;
                }
            }
        }
        assertThat(ours).as("the starter's spring-configuration-metadata.json").isNotNull();
        JsonNode metadata = Json.MAPPER.readTree(ours);
        List<String> names = new java.util.ArrayList<>();
        metadata.path("properties").forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("camel.component.orchestrate.enabled", "camel.component.orchestrate.ledger",
                "camel.component.orchestrate.budgets", "camel.component.orchestrate.on-budget-exceeded");
    }

    private void send(ExampleMain.Document document, String run) {
        try (ProducerTemplate producer = camelContext.createProducerTemplate()) {
            var exchange = producer.request("direct:correspondence", e -> {
                e.getMessage().setBody(document.text());
                e.getMessage().setHeader("documentId", document.id());
                e.getMessage().setHeader("run", "test-" + run);
            });
            assertThat(exchange.getException()).isNull();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sum of a Prometheus counter's samples, each of which must carry {@code tag}. */
    private static double sum(String exposition, String counter, String tag) {
        Matcher m = Pattern.compile("(?m)^" + counter + "\\{([^}]*)\\} (\\S+)$").matcher(exposition);
        double total = 0;
        int samples = 0;
        while (m.find()) {
            assertThat(m.group(1)).contains(tag);
            total += Double.parseDouble(m.group(2));
            samples++;
        }
        assertThat(samples).as(counter + " samples").isPositive();
        return total;
    }
}
