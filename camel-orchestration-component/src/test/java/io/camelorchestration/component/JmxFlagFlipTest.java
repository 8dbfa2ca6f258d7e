package io.camelorchestration.component;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator flips the flags on the component MBean while messages flow: the next exchange sees the new value.
 */
class JmxFlagFlipTest extends OrchestrateTestSupport {

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName component;
    ObjectName endpoint;

    {
        llm.answers("yes");
    }

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        super.configureTest(test);
        test.withJMX(true);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setDefaultModel("gpt-4o");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("jmx-route")
                        .to("orchestrate:triage?intent=conditional&delegate=direct:llm");
            }
        };
    }

    @BeforeEach
    void mbeans() throws Exception {
        String name = context.getManagementName();
        component = new ObjectName("org.apache.camel:context=" + name + ",type=components,name=\"orchestrate\"");
        endpoint = server.queryNames(new ObjectName("org.apache.camel:context=" + name + ",type=endpoints,*"), null).stream()
                .filter(n -> n.getKeyProperty("name").contains("orchestrate")).findFirst().orElseThrow();
    }

    @Test
    void flippingEnabledInTheMiddleOfARun() throws Exception {
        List<Boolean> seen = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                server.setAttribute(component, new Attribute("Enabled", false));
            }
            if (i == 20) {
                server.setAttribute(component, new Attribute("Enabled", true));
                server.setAttribute(component, new Attribute("CompressionEnabled", true));
            }
            Exchange out = template.request("direct:in", e -> e.getMessage().setBody("Is this ticket urgent? The server is down."));
            seen.add(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class));
        }
        assertThat(seen.subList(0, 10)).containsOnly(true);
        assertThat(seen.subList(10, 20)).containsOnlyNulls();
        assertThat(seen.subList(20, 30)).containsOnly(true);

        assertThat(server.getAttribute(component, "Enabled")).isEqualTo(true);
        assertThat(server.getAttribute(component, "CompressionEnabled")).isEqualTo(true);
        assertThat(server.getAttribute(component, "RoutingEnabled")).isEqualTo(false);
        assertThat(server.getAttribute(component, "StepsOrchestrated")).isEqualTo(20L);
        assertThat((Long) server.getAttribute(component, "TotalTokensUsed")).isPositive();
        assertThat((Double) server.getAttribute(component, "TotalCost")).isPositive();
        assertThat(server.getAttribute(component, "StepsFallenBack")).isEqualTo(0L);
        assertThat(server.getAttribute(endpoint, "StepsOrchestrated")).isEqualTo(20L);
        assertThat(server.getAttribute(endpoint, "Step")).isEqualTo("triage");
        assertThat(server.getAttribute(endpoint, "TotalTokensUsed")).isEqualTo(server.getAttribute(component, "TotalTokensUsed"));
    }
}
