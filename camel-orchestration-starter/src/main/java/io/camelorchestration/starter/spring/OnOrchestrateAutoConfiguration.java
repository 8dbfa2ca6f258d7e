package io.camelorchestration.starter.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On unless Camel's global {@code camel.component.enabled=false} switches component auto-configuration off, as it does
 * for every Camel starter; then, as there, {@code camel.component.orchestrate.enabled=true} switches it back on. Our
 * {@code enabled=false} alone does not switch it off: it is the component's master switch, and the component is still
 * configured so that JMX can turn it on. To leave the component to Camel entirely, exclude
 * {@link OrchestrateAutoConfiguration} ({@code spring.autoconfigure.exclude}).
 */
class OnOrchestrateAutoConfiguration extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        if (!"false".equalsIgnoreCase(env.getProperty("camel.component.enabled", "true").trim())) {
            return ConditionOutcome.match("camel.component.enabled is not false");
        }
        if ("true".equalsIgnoreCase(env.getProperty(ComponentOptions.PREFIX + ".enabled", "").trim())) {
            return ConditionOutcome.match("camel.component.enabled=false but " + ComponentOptions.PREFIX + ".enabled=true");
        }
        return ConditionOutcome.noMatch("camel.component.enabled=false");
    }
}
