package io.camelorchestration.starter;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Finds the application's MeterRegistry or creates the Prometheus one. The name is camel-micrometer's
 * ({@code metricsRegistry}): camel-micrometer-prometheus looks it up by that name before creating its own, so the
 * orchestration meters and Camel's own meters end up in one registry, scraped on {@code /observe/metrics}, whichever
 * of the two starts first.
 */
final class MeterRegistries {

    static final String NAME = "metricsRegistry";

    private MeterRegistries() {
    }

    static synchronized MeterRegistry findOrCreate(CamelContext context) {
        Registry registry = context.getRegistry();
        MeterRegistry named = registry.lookupByNameAndType(NAME, MeterRegistry.class);
        if (named != null) {
            return named;
        }
        Set<MeterRegistry> all = registry.findByType(MeterRegistry.class);
        if (all.size() == 1) {
            return all.iterator().next();
        }
        if (all.size() > 1) {
            // several and none named metricsRegistry: prefer the one Prometheus scrapes
            return all.stream().filter(PrometheusMeterRegistry.class::isInstance).findFirst().orElse(all.iterator().next());
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(NAME, created);
        return created;
    }
}
