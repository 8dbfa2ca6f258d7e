package io.camelorchestration.component;

import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.component.testing.FakeLlm;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * camel-main binds {@code camel.component.orchestrate.*} from application properties through the generated
 * configurer: nothing to write in Java but the route.
 */
// Not on OrchestrateTestSupport: it tests camel-main's own start-up, which makes the context and the component.
class CamelMainPropertiesTest {

    @Test
    void propertiesConfigureTheComponent() throws Exception {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("classpath:orchestrate-main.properties");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("main-route")
                        .to("orchestrate:extractFields?intent=extract&budgetKey=${header.tenant}&delegate=direct:llm");
            }
        });
        main.configure().addRoutesBuilder(new FakeLlm().answers("{\"invoice\":\"INV-42\"}"));
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            OrchestrateComponent c = context.getComponent("orchestrate", OrchestrateComponent.class);
            assertThat(c.isEnabled()).isTrue();
            assertThat(c.isCompressionEnabled()).isTrue();
            assertThat(c.isRoutingEnabled()).isFalse();
            assertThat(c.getDefaultModel()).isEqualTo("claude-3-5-haiku-20241022");
            assertThat(c.getWorkflowBudgetTokens()).isEqualTo(50000);
            assertThat(c.getConfiguration().getOnBudgetExceeded()).isEqualTo(OnBudgetExceeded.FALLBACK);
            OrchestrateEndpoint ep = context.getEndpoint(
                    "orchestrate:extractFields?intent=extract&budgetKey=${header.tenant}&delegate=direct:llm",
                    OrchestrateEndpoint.class);
            assertThat(ep.getConfiguration().getOnBudgetExceeded()).isEqualTo(OnBudgetExceeded.FALLBACK);

            ProducerTemplate template = context.createProducerTemplate();
            Exchange out = template.request("direct:in", e -> {
                e.getMessage().setHeader("tenant", "tenant-a");
                e.getMessage().setBody("Invoice INV-42 from ACME, due 2024-05-01, total EUR 1,200.00.");
            });
            assertThat(out.getException()).isNull();
            assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
            assertThat(out.getMessage().getHeader(OrchestrateConstants.MODEL)).isEqualTo("claude-3-5-haiku-20241022");
            assertThat(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isPositive();
            assertThat(c.getTotalTokensUsed()).isEqualTo(out.getMessage().getHeader(OrchestrateConstants.TOKENS_USED, Long.class));
        } finally {
            main.stop();
        }
    }

    @Test
    void switchedOffByPropertiesTheOtherOptionsStillBindForALaterFlip() throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.component.orchestrate.enabled", "false");
        main.addInitialProperty("camel.component.orchestrate.default-model", "gpt-4o");
        main.addInitialProperty("camel.component.orchestrate.routing-enabled", "true");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("orchestrate:decide?intent=conditional&delegate=direct:llm");
            }
        });
        main.configure().addRoutesBuilder(new FakeLlm().answers("yes"));
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            OrchestrateComponent c = context.getComponent("orchestrate", OrchestrateComponent.class);
            ProducerTemplate template = context.createProducerTemplate();

            Exchange off = template.request("direct:in", e -> e.getMessage().setBody("Is the server down?"));
            assertThat(off.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED)).isNull();

            c.setEnabled(true);
            Exchange on = template.request("direct:in", e -> e.getMessage().setBody("Is the server down?"));
            assertThat(on.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
            // routed away from the configured default model: the options were bound although the switch was off
            assertThat(c.getDefaultModel()).isEqualTo("gpt-4o");
            assertThat(on.getMessage().getHeader(OrchestrateConstants.MODEL, String.class)).isNotEqualTo("gpt-4o").startsWith("gpt-");
        } finally {
            main.stop();
        }
    }
}
