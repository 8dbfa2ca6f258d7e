package io.camelorchestration.starter.spring;

import io.camelorchestration.component.health.OrchestrateHealthCheck;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The orchestrate readiness check (budget store reachable, pending-settlement journal not full, audit sinks
 * delivering) as a Spring Boot {@code HealthIndicator}: {@code /actuator/health/orchestrate}, with the check's details.
 * The same check Camel's own health registry runs, so camel-spring-boot's {@code camelHealth} agrees.
 */
class OrchestrateHealthIndicator extends AbstractHealthIndicator {

    private final OrchestrateHealthCheck check = new OrchestrateHealthCheck();

    OrchestrateHealthIndicator(CamelContext camelContext) {
        super("orchestrate health check failed");
        check.setCamelContext(camelContext);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        HealthCheck.Result result = check.call();
        switch (result.getState()) {
            case UP -> builder.up();
            case DOWN -> builder.down();
            default -> builder.unknown();
        }
        result.getMessage().ifPresent(m -> builder.withDetail("message", m));
        result.getDetails().forEach((k, v) -> {
            if (!k.startsWith("invocation.") && !k.startsWith("failure.") && !k.equals("check.id") && !k.equals("check.group")) {
                builder.withDetail(k, v);
            }
        });
    }
}
