package io.camelorchestration.starter.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.classify.Classification;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.component.OrchestrateComponent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The Spring Boot auto-configuration as an application sees it: camel-spring-boot plus this starter, options in
 * the environment in the forms Spring Boot accepts.
 */
// Not on OrchestrateTestSupport or FakeLlm: Spring Boot makes the context; the component's test classes are not here.
class SpringBootAutoConfigurationTest {

    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, OrchestrateAutoConfiguration.class))
            .withPropertyValues("camel.main.name=spring-boot-test", "camel.main.jmx-enabled=false");

    @Test
    void optionsBindInEveryFormSpringBootAccepts() {
        app.withPropertyValues(
                        "camel.component.orchestrate.enabled=true",
                        "camel.component.orchestrate.compressionEnabled=true",
                        "camel.component.orchestrate.default-model=gpt-4o",
                        "camel.component.orchestrate.budgets=*=1000 tokens/day hard",
                        "camel.component.orchestrate.configuration.on-budget-exceeded=fallback",
                        "camel.component.orchestrate.budget-key=${header.tenant}")
                .withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                        "test-systemEnvironment", Map.of("CAMEL_COMPONENT_ORCHESTRATE_WORKFLOWBUDGETTOKENS", "5000",
                                                          "CAMEL_COMPONENT_ORCHESTRATE_ROUTING_ENABLED", "true"))))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    OrchestrateComponent c = ctx.getBean(OrchestrateComponent.class);
                    assertThat(ctx.getBean(CamelContext.class).getComponent("orchestrate")).isSameAs(c);
                    assertThat(c.isEnabled()).isTrue();
                    assertThat(c.isCompressionEnabled()).isTrue();
                    assertThat(c.isRoutingEnabled()).isTrue();
                    assertThat(c.getDefaultModel()).isEqualTo("gpt-4o");
                    assertThat(c.getBudgets()).isEqualTo("*=1000 tokens/day hard");
                    assertThat(c.getWorkflowBudgetTokens()).isEqualTo(5000);
                    assertThat(c.getConfiguration().getOnBudgetExceeded()).isEqualTo(OnBudgetExceeded.FALLBACK);
                    // a Camel simple expression, not a Spring placeholder
                    assertThat(c.getConfiguration().getBudgetKey()).isEqualTo("${header.tenant}");
                });
    }

    @Test
    void aWrongValueFailsTheStartNamingTheProperty() {
        app.withPropertyValues("camel.component.orchestrate.workflow-budget-tokens=lots").run(ctx -> {
            assertThat(ctx).hasFailed();
            InvalidConfigurationPropertyValueException e = find(ctx.getStartupFailure());
            assertThat(e.getName()).isEqualTo("camel.component.orchestrate.workflow-budget-tokens");
            assertThat(e.getValue()).isEqualTo("lots");
            assertThat(e.getReason()).contains("camel.component.orchestrate.workflow-budget-tokens", "a whole number of tokens");
        });
        app.withPropertyValues("camel.component.orchestrate.routingEnabled=yes").run(ctx -> {
            assertThat(find(ctx.getStartupFailure()).getReason()).contains("camel.component.orchestrate.routing-enabled", "true, false");
        });
    }

    @Test
    void aMisspeltOptionFailsTheStart() {
        app.withPropertyValues("camel.component.orchestrate.compresion-enabled=true").run(ctx -> {
            InvalidConfigurationPropertyValueException e = find(ctx.getStartupFailure());
            assertThat(e.getName()).isEqualTo("camel.component.orchestrate.compresion-enabled");
            assertThat(e.getReason()).contains("no option 'compresion-enabled'", "compression-enabled");
        });
    }

    @Test
    void theApplicationsBeansAreUsed() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        IntentClassifier classifier = step -> new Classification(Intent.SUMMARIZE, 1.0, "always");
        app.withBean(MeterRegistry.class, () -> meters).withBean(IntentClassifier.class, () -> classifier)
                .withPropertyValues("camel.component.orchestrate.enabled=true")
                .withBean(RouteBuilder.class, () -> new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in").to("orchestrate:summarize?delegate=direct:llm");
                        from("direct:llm").setHeader("CamelOrchestrationUsageInputTokens", constant(12))
                                .setHeader("CamelOrchestrationUsageOutputTokens", constant(3)).setBody(constant("Short."));
                    }
                })
                .run(ctx -> {
                    OrchestrateComponent c = ctx.getBean(OrchestrateComponent.class);
                    assertThat(c.getMeterRegistry()).isSameAs(meters);
                    assertThat(c.getClassifier()).isSameAs(classifier);
                    ProducerTemplate producer = ctx.getBean(CamelContext.class).createProducerTemplate();
                    producer.requestBody("direct:in", "A long text about a damaged order. It goes on.");
                    assertThat(meters.find("orchestration.tokens.used").counters()).isNotEmpty();
                    assertThat(meters.find("orchestration.tokens.used").counters().stream().mapToDouble(m -> m.count()).sum())
                            .isEqualTo(15.0);
                });
    }

    @Test
    void theApplicationsOwnComponentWins() {
        OrchestrateComponent own = new OrchestrateComponent();
        app.withBean("orchestrate", OrchestrateComponent.class, () -> own).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(OrchestrateComponent.class)).isSameAs(own);
        });
    }

    @Test
    void masterSwitchOffStillConfiguresCamelsGlobalSwitchTurnsItOff() {
        app.withPropertyValues("camel.component.orchestrate.enabled=false", "camel.component.orchestrate.default-model=gpt-4o")
                .run(ctx -> {
                    OrchestrateComponent c = ctx.getBean(OrchestrateComponent.class);
                    assertThat(c.isEnabled()).isFalse();
                    assertThat(c.getDefaultModel()).isEqualTo("gpt-4o");
                });
        app.withPropertyValues("camel.component.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(OrchestrateComponent.class));
        app.withPropertyValues("camel.component.enabled=false", "camel.component.orchestrate.enabled=true")
                .run(ctx -> assertThat(ctx.getBean(OrchestrateComponent.class).isEnabled()).isTrue());
    }

    @Test
    void theHealthIndicatorReportsTheOrchestrateCheck() {
        app.withPropertyValues("camel.component.orchestrate.enabled=true").run(ctx -> {
            OrchestrateHealthIndicator health = ctx.getBean("orchestrateHealthIndicator", OrchestrateHealthIndicator.class);
            ctx.getBean(CamelContext.class).getComponent("orchestrate");
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("enabled", true);
        });
    }

    private static InvalidConfigurationPropertyValueException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationPropertyValueException e) {
                return e;
            }
        }
        throw new AssertionError("no InvalidConfigurationPropertyValueException in " + failure, failure);
    }
}
