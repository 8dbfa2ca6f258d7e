package io.camelorchestration.starter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.component.OrchestrateComponent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/getting-started.md shows exactly the files this module's tests run: its application.properties, its routes and
 * the demo route; and with the demo route on, steps are orchestrated without a line of Java.
 */
class GettingStartedDocTest {

    private static final Path DOC = Path.of("..", "docs", "getting-started.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```");

    @Test
    void theGuideShowsTheFilesTheTestsRun() throws Exception {
        List<String> properties = new ArrayList<>();
        List<String> yaml = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(1).equals("properties")) {
                properties.add(m.group(2));
            } else if (m.group(1).equals("yaml")) {
                yaml.add(m.group(2));
            }
        }
        assertThat(properties).first().isEqualTo(resource("application.properties"));
        assertThat(yaml).hasSizeGreaterThanOrEqualTo(2);
        assertThat(yaml.get(0)).isEqualTo(resource("routes/workflow.yaml"));
        assertThat(yaml.get(1)).isEqualTo(resource("demo/demo.yaml"));
    }

    @Test
    void theDemoRouteRunsTicketsThroughTheOrchestratedStep() throws Exception {
        try (StarterApp app = new StarterApp(Map.of(), Map.of("camel.main.routes-include-pattern",
                "classpath:routes/*.yaml,classpath:demo/*.yaml"))) {
            OrchestrateComponent component = app.context().getComponent("orchestrate", OrchestrateComponent.class);
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (component.getStepsOrchestrated() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(component.getStepsOrchestrated()).isPositive();
            assertThat(component.getTotalTokensUsed()).isPositive();
            assertThat(app.get("/observe/metrics").body()).contains("orchestration_steps_total{");
        }
    }

    private static String resource(String name) throws Exception {
        return Files.readString(Path.of("src", "test", "resources", name), StandardCharsets.UTF_8);
    }
}
