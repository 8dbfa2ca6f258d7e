package io.camelorchestration.embeddings;

import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.component.OrchestrateConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code classifier-discovery=false} keeps the keyword classifier even with this module on the class path. */
class DiscoveryTurnedOffTest extends CamelTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setClassifierDiscovery(false);
        ctx.addComponent("orchestrate", orchestrate);
        return ctx;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("orchestrate:purchaseOrderHeader?delegate=direct:llm"
                        + "&description=which supplier, PO number and currency does this purchase order carry");
                from("direct:llm").setBody(constant("{\"supplier\":\"ACME\"}"));
            }
        };
    }

    @Test
    void theKeywordClassifierKeepsItsSafeDefault() {
        Exchange out = template.request("direct:order", e -> e.getMessage().setBody("PO 4711 from ACME, EUR"));

        // no cue word: the keyword classifier falls back to generate
        assertThat(out.getMessage().getHeader(OrchestrateConstants.INTENT)).isEqualTo("generate");
    }
}
