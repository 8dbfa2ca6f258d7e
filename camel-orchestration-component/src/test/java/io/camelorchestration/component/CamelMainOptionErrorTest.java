package io.camelorchestration.component;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.component.testing.FakeLlm;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Component options set in application properties: a wrong value stops camel-main with the property's own name
 * ({@code camel.component.orchestrate.<option>}) and what it takes; a number of any Java type is taken as a number.
 */
// Not on OrchestrateTestSupport: it tests camel-main's own start-up, and binding options on contexts of its own.
class CamelMainOptionErrorTest {

    private static Main main(Properties properties) {
        Main main = new Main();
        main.setInitialProperties(properties);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("orchestrate:answer?intent=generate&delegate=direct:llm");
            }
        });
        main.configure().addRoutesBuilder(new FakeLlm());
        return main;
    }

    private static Properties props(Object... keysAndValues) {
        Properties p = new Properties();
        p.put("camel.component.orchestrate.enabled", "true");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    private static String startupError(Properties properties) {
        Main main = main(properties);
        Throwable t = catchThrowable(main::start);
        main.stop();
        assertThat(t).as("start-up must fail for " + properties).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            messages.append(c.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void aWorkflowBudgetThatIsNoNumber() {
        assertThat(startupError(props("camel.component.orchestrate.workflow-budget-tokens", "abc")))
                .contains("option 'camel.component.orchestrate.workflow-budget-tokens'").contains("'abc'")
                .contains("a whole number of tokens");
    }

    @Test
    void aDefaultStepBudgetThatIsNoNumber() {
        assertThat(startupError(props("camel.component.orchestrate.budget-tokens", "12k")))
                .contains("option 'camel.component.orchestrate.budget-tokens'").contains("'12k'");
    }

    @Test
    void aFlagThatIsNeitherTrueNorFalse() {
        assertThat(startupError(props("camel.component.orchestrate.compression-enabled", "yes")))
                .contains("option 'camel.component.orchestrate.compression-enabled'").contains("true, false");
        assertThat(startupError(props("camel.component.orchestrate.enabled", "on")))
                .contains("option 'camel.component.orchestrate.enabled'").contains("true, false");
    }

    @Test
    void aNegativeWorkflowBudget() {
        assertThat(startupError(props("camel.component.orchestrate.workflow-budget-tokens", "-1")))
                .contains("camel.component.orchestrate.workflow-budget-tokens").contains("0 (none) or a positive number");
    }

    @Test
    void aFractionOfATokenIsNoWholeNumber() {
        assertThat(startupError(props("camel.component.orchestrate.workflow-budget-tokens", "2.5")))
                .contains("camel.component.orchestrate.workflow-budget-tokens").contains("'2.5'");
    }

    @Test
    void aRoutingModelTheCatalogLacks() {
        assertThat(startupError(props("camel.component.orchestrate.routing-models", "gpt-4o-mni,gpt-4o")))
                .contains("option 'camel.component.orchestrate.routing-models'").contains("'gpt-4o-mni,gpt-4o'")
                .contains("model gpt-4o-mni is not in the model catalog").contains("gpt-4o-mini");
    }

    @Test
    void anUnknownTierInRoutingModels() {
        assertThat(startupError(props("camel.component.orchestrate.routing-models", "gpt-4o-mini=tiny,gpt-4o")))
                .contains("option 'camel.component.orchestrate.routing-models'").contains("unknown tier 'tiny'")
                .contains("gpt-4o-mini").contains("small, medium, large");
    }

    @Test
    void aRoutingModelOfNoKnownTierNeedsOne(@TempDir Path dir) throws Exception {
        Path catalog = dir.resolve("prices.json");
        Files.writeString(catalog, "{\"gpt-4o\":{\"mode\":\"chat\",\"input_cost_per_token\":2.5e-06,"
                + "\"output_cost_per_token\":1e-05},\"acme-7b\":{\"mode\":\"chat\",\"input_cost_per_token\":1e-07,"
                + "\"output_cost_per_token\":2e-07}}");

        assertThat(startupError(props("camel.component.orchestrate.models", "file:" + catalog,
                "camel.component.orchestrate.routing-models", "acme-7b,gpt-4o")))
                .contains("option 'camel.component.orchestrate.routing-models'").contains("acme-7b has no known tier")
                .contains("acme-7b=small");
    }

    @Test
    void aCatalogThatIsNotJsonOrHasABadPriceNamesTheModelAndTheField(@TempDir Path dir) throws Exception {
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "{\"gpt-4o\": {\"input_cost_per_token\": 2.5e-06,");
        Path negative = dir.resolve("negative.json");
        Files.writeString(negative, "{\"gpt-4o\":{\"mode\":\"chat\",\"input_cost_per_token\":2.5e-06,"
                + "\"output_cost_per_token\":-1e-05}}");
        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, "{\"models\":[{\"name\":\"house-model\",\"tier\":\"small\",\"inputUsdPerMillion\":1}]}");

        assertThat(startupError(props("camel.component.orchestrate.models", "file:" + notJson)))
                .contains("option 'camel.component.orchestrate.models'").contains("broken.json").contains("not valid JSON");
        assertThat(startupError(props("camel.component.orchestrate.models", "file:" + negative)))
                .contains("option 'camel.component.orchestrate.models'").contains("model gpt-4o")
                .contains("output_cost_per_token must not be negative");
        assertThat(startupError(props("camel.component.orchestrate.models", "file:" + missing)))
                .contains("model house-model").contains("missing outputUsdPerMillion");
    }

    /**
     * Typed values, as a Spring Boot configuration class or a map of options hands them over through the component's
     * configurer (camel-main's own properties are text): any Number that is a whole number of tokens is taken, a
     * fraction is refused by name.
     */
    @Test
    void numbersOfAnyJavaTypeAreTaken() throws Exception {
        Map<Object, Long> values = Map.of(50_000, 50_000L, 60_000L, 60_000L, (short) 700, 700L,
                new BigDecimal("80000.0"), 80_000L, new AtomicLong(90_000), 90_000L, 1.0e5, 100_000L);
        for (Map.Entry<Object, Long> e : values.entrySet()) {
            try (CamelContext context = new DefaultCamelContext()) {
                OrchestrateComponent c = new OrchestrateComponent();
                context.addComponent("orchestrate", c);
                Map<String, Object> options = new HashMap<>();
                options.put("enabled", true);
                options.put("workflowBudgetTokens", e.getKey());
                options.put("maxOutputTokens", e.getKey() instanceof Integer ? 300L : 300);
                PropertyBindingSupport.setPropertiesOnTarget(context, c, options);
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in").to("orchestrate:answer?intent=generate&delegate=direct:llm");
                    }
                });
                context.addRoutes(new FakeLlm());
                context.start();
                assertThat(c.getWorkflowBudgetTokens()).as(e.getKey().getClass().getSimpleName()).isEqualTo(e.getValue());
                assertThat(c.getConfiguration().getMaxOutputTokens()).isEqualTo(300);
                assertThat(context.createProducerTemplate().requestBody("direct:in", "hi", String.class)).isEqualTo("ok");
            }
        }
        try (CamelContext context = new DefaultCamelContext()) {
            OrchestrateComponent c = new OrchestrateComponent();
            context.addComponent("orchestrate", c);
            Throwable t = catchThrowable(() -> PropertyBindingSupport.setPropertiesOnTarget(context, c,
                    new HashMap<>(Map.of("workflowBudgetTokens", 2.5d))));
            assertThat(t).hasRootCauseMessage("Invalid value '2.5' (Double) for option"
                    + " 'camel.component.orchestrate.workflow-budget-tokens'; allowed values: a whole number of tokens up to "
                    + Long.MAX_VALUE);
        }
    }
}
