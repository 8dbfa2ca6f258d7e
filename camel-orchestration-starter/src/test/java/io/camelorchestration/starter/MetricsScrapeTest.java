package io.camelorchestration.starter;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelorchestration.internal.Json;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsScrapeTest {

    private static final String TICKET = "The invoice INV-2291 was charged twice on 3 March. "
            + "Please refund the second charge of 129.00 EUR to the card on file. "
            + "We have been customers for six years and this is the first problem we have had.";

    @Test
    void prometheusScrapeShowsTheOrchestrationMetersWithTheirTags() throws Exception {
        try (StarterApp app = new StarterApp()) {
            long tokens = 0;
            for (int i = 0; i < 3; i++) {
                Exchange out = app.template().request("direct:ticket", e -> e.getMessage().setBody(TICKET));
                assertThat(out.getException()).isNull();
                assertThat(out.getMessage().getHeader("CamelOrchestrated", Boolean.class)).isTrue();
                tokens += out.getMessage().getHeader("CamelOrchestrationTokensUsed", Long.class);
            }

            HttpResponse<String> scrape = app.get("/observe/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            String body = scrape.body();

            String input = line(body, "orchestration_tokens_used_tokens_total", "type=\"input\"");
            String output = line(body, "orchestration_tokens_used_tokens_total", "type=\"output\"");
            assertThat(input).contains("route=\"support\"", "step=\"summarize\"", "intent=\"summarize\"", "model=\"");
            assertThat(value(input) + value(output)).isEqualTo((double) tokens);

            assertThat(value(line(body, "orchestration_steps_total", "outcome=\"orchestrated\"", "step=\"summarize\"")))
                    .isEqualTo(3.0);
            assertThat(line(body, "orchestration_cost_usd_total", "step=\"summarize\"")).contains("model=\"");
            assertThat(line(body, "orchestration_overhead_seconds_count", "step=\"summarize\"")).contains("route=\"support\"");
            assertThat(line(body, "orchestration_budget_reserved_tokens", "route=\"support\"")).isNotNull();
            assertThat(value(line(body, "orchestration_budget_reserved_tokens", "route=\"support\""))).isZero();

            assertThat(value(line(body, "orchestration_budget_utilization_count", "route=\"support\""))).isEqualTo(3.0);

            // OpenTelemetry GenAI names, as Spring AI exports them
            String genAiIn = line(body, "gen_ai_client_token_usage_total", "gen_ai_token_type=\"input\"");
            String genAiOut = line(body, "gen_ai_client_token_usage_total", "gen_ai_token_type=\"output\"");
            assertThat(genAiIn).contains("gen_ai_operation_name=\"chat\"", "gen_ai_provider_name=\"", "gen_ai_request_model=\"");
            assertThat(value(genAiIn) + value(genAiOut)).isEqualTo((double) tokens);

            dashboardIsBuiltOnExactlyTheseMeters(body);
        }
    }

    /**
     * docs/grafana-dashboard.json queries only series this application exports, and charts every orchestration
     * meter family it exports.
     */
    private static void dashboardIsBuiltOnExactlyTheseMeters(String scrape) throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(Path.of("..", "docs", "grafana-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = SERIES.matcher(target.path("expr").asText());
                while (m.find()) {
                    queried.add(m.group());
                }
            }
        }
        assertThat(queried).isNotEmpty();
        for (String series : queried) {
            assertThat(scrape).as("dashboard queries " + series).containsPattern("(?m)^" + series + "[{ ]");
        }
        Matcher families = Pattern.compile("(?m)^# TYPE ((?:orchestration|gen_ai)_\\w+) ").matcher(scrape);
        while (families.find()) {
            String family = families.group(1);
            assertThat(queried).as("the dashboard charts " + family).anyMatch(q -> q.startsWith(family));
        }
    }

    private static final Pattern SERIES = Pattern.compile("\\b(?:orchestration|gen_ai_client)_[a-z_]+\\b");

    /** The first sample line of the meter that carries all the given label fragments. */
    static String line(String scrape, String meter, String... labels) {
        for (String l : scrape.split("\n")) {
            if (l.startsWith(meter + "{") && java.util.Arrays.stream(labels).allMatch(l::contains)) {
                return l;
            }
        }
        throw new AssertionError("no " + meter + " sample with " + String.join(",", labels) + " in:\n" + scrape);
    }

    private static final Pattern VALUE = Pattern.compile("}\\s+(\\S+)");

    static double value(String sample) {
        Matcher m = VALUE.matcher(sample);
        assertThat(m.find()).as(sample).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
