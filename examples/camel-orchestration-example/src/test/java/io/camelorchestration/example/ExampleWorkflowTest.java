package io.camelorchestration.example;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs the example as a newcomer would (embedded server, the real camel-langchain4j-chat client over HTTP, the YAML
 * routes, orchestration off and then on) and holds what it prints against the component's Micrometer meters.
 */
class ExampleWorkflowTest {

    private static ExampleMain.ExampleResult result;
    private static String printed;

    @BeforeAll
    static void runTheExample() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            result = ExampleMain.run(new String[0], out);
        }
        printed = buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyDocumentGoesThroughBothRuns() throws Exception {
        assertThat(result.failedDocuments()).as(printed).isZero();
        try (Stream<Path> files = Files.list(Path.of("target/outbox/on"))) {
            assertThat(files.count()).isEqualTo(result.on().priorities().size()).isGreaterThanOrEqualTo(8);
        }
        assertThat(printed).contains("orchestration off: ").contains("orchestration on : ");
    }

    @Test
    void theUrgencyDecisionIsTheSameWithOrchestrationOnAndOff() {
        assertThat(result.on().priorities()).as(printed).isEqualTo(result.off().priorities());
        assertThat(result.off().priorities()).hasSize(10).containsValue("urgent").containsValue("normal");
        assertThat(printed).contains("0 decision(s) differ").contains("urgent? per document (off/on): ");
    }

    @Test
    void printedTotalsOfTheOrchestratedRunAreTheMeters() {
        String[] total = row(ComparisonTable.TOTAL);
        MeterRegistry meters = result.meters();
        long tokens = (long) sum(meters, "orchestration.tokens.used", c -> true);
        double cost = sum(meters, "orchestration.cost", c -> true);
        double fallbacks = sum(meters, "orchestration.steps", c -> "fallback".equals(c.getId().getTag("outcome")));

        assertThat(tokens).isPositive();
        assertThat(Long.parseLong(total[2])).isEqualTo(tokens);
        assertThat(Double.parseDouble(total[5])).isCloseTo(cost, within(0.0000005));
        assertThat(Long.parseLong(total[9])).isEqualTo((long) fallbacks);
    }

    @Test
    void printedStepsAreTheMetersOfEachStep() {
        MeterRegistry meters = result.meters();
        for (String step : result.on().steps().keySet()) {
            String[] r = row(step);
            long tokens = (long) sum(meters, "orchestration.tokens.used", c -> step.equals(c.getId().getTag("step")));
            double cost = sum(meters, "orchestration.cost", c -> step.equals(c.getId().getTag("step")));
            List<String> models = meters.find("orchestration.tokens.used").tag("step", step).counters().stream()
                    .filter(c -> c.count() > 0).map(c -> c.getId().getTag("model")).distinct().toList();

            assertThat(Long.parseLong(r[2])).as(step).isEqualTo(tokens);
            assertThat(Double.parseDouble(r[5])).as(step).isCloseTo(cost, within(0.0000005));
            // a step re-run on the original model after a failed check shows both models; the meters book the
            // step's usage under the model that gave the final answer
            assertThat(r[8].split("\\+")).as(step).containsAll(models.isEmpty() ? List.of("-") : models);
        }
    }

    @Test
    void theUnorchestratedRunUsedTheDefaultModelAndCostMore() {
        String[] total = row(ComparisonTable.TOTAL);
        assertThat(Long.parseLong(total[1])).isPositive();
        assertThat(row("extract")[7]).isEqualTo("gpt-4o");
        // nothing was metered with orchestration off: every meter comes from the second run
        assertThat(result.on().tokens()).isEqualTo((long) sum(result.meters(), "orchestration.tokens.used", c -> true));
        assertThat(result.on().cost()).isLessThan(result.off().cost());
    }

    private static String[] row(String first) {
        List<String[]> rows = printed.lines().map(l -> Arrays.stream(l.split("\\|")).map(String::trim).toArray(String[]::new))
                .filter(r -> r.length == 10 && r[0].equals(first)).toList();
        assertThat(rows).as("row %s in%n%s", first, printed).hasSize(1);
        return rows.get(0);
    }

    private static double sum(MeterRegistry meters, String name, java.util.function.Predicate<Counter> which) {
        return meters.find(name).counters().stream().filter(which).mapToDouble(Counter::count).sum();
    }
}
