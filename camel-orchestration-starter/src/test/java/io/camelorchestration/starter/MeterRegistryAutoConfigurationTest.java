package io.camelorchestration.starter;

import java.util.Map;

import io.camelorchestration.component.OrchestrateComponent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter finds the application's MeterRegistry, or creates one, without a line of Java from the user. */
class MeterRegistryAutoConfigurationTest {

    private static final Map<String, String> NO_CAMEL_METRICS = Map.of("camel.metrics.enabled", "false",
            "camel.management.metrics-enabled", "false");

    @Test
    void theApplicationsOwnRegistryWins() throws Exception {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        try (StarterApp app = new StarterApp(Map.of("myMeters", own), NO_CAMEL_METRICS)) {
            app.template().requestBody("direct:ticket", "Please cancel my subscription. I no longer need it.");
            OrchestrateComponent component = app.context().getComponent("orchestrate", OrchestrateComponent.class);
            assertThat(component.getMeterRegistry()).isSameAs(own);
            assertThat(own.find("orchestration.tokens.used").counters()).isNotEmpty();
            double used = own.find("orchestration.tokens.used").counters().stream().mapToDouble(c -> c.count()).sum();
            assertThat(used).isEqualTo((double) component.getTotalTokensUsed());
        }
    }

    @Test
    void withoutOneAPrometheusRegistryIsCreatedAndBoundForCamelToShare() throws Exception {
        try (StarterApp app = new StarterApp(Map.of(), NO_CAMEL_METRICS)) {
            app.template().requestBody("direct:ticket", "Please cancel my subscription. I no longer need it.");
            MeterRegistry registry = app.context().getComponent("orchestrate", OrchestrateComponent.class).getMeterRegistry();
            assertThat(registry).isInstanceOf(PrometheusMeterRegistry.class)
                    .isSameAs(app.context().getRegistry().lookupByName("metricsRegistry"));
            assertThat(((PrometheusMeterRegistry) registry).scrape()).contains("orchestration_steps_total{");
        }
    }
}
