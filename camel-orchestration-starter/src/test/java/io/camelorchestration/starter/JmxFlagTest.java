package io.camelorchestration.starter;

import java.lang.management.ManagementFactory;

import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator on JConsole: reads the orchestrate MBeans of a starter application and switches orchestration off. */
class JmxFlagTest {

    private static final String TICKET = "Our order 7731 arrived damaged.   The box was open and two of the six "
            + "glasses were broken.\n\n\n\nPlease send replacements to the same address.";

    @Test
    void theNextExchangeSeesTheFlagFlippedOnTheComponentMBean() throws Exception {
        try (StarterApp app = new StarterApp()) {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName component = new ObjectName(
                    "org.apache.camel:context=" + app.context().getManagementName() + ",type=components,name=\"orchestrate\"");
            assertThat(server.getAttribute(component, "Enabled")).isEqualTo(true);

            Exchange first = app.template().request("direct:ticket", e -> e.getMessage().setBody(TICKET));
            assertThat(first.getMessage().getHeader("CamelOrchestrated", Boolean.class)).isTrue();
            long used = first.getMessage().getHeader("CamelOrchestrationTokensUsed", Long.class);
            assertThat(server.getAttribute(component, "TotalTokensUsed")).isEqualTo(used);
            assertThat(server.getAttribute(component, "StepsOrchestrated")).isEqualTo(1L);

            ObjectName endpoint = server.queryNames(new ObjectName("org.apache.camel:context="
                    + app.context().getManagementName() + ",type=endpoints,name=\"orchestrate://summarize*\""), null)
                    .iterator().next();
            assertThat(server.getAttribute(endpoint, "TotalTokensUsed")).isEqualTo(used);

            server.setAttribute(component, new Attribute("Enabled", false));

            Exchange second = app.template().request("direct:ticket", e -> e.getMessage().setBody(TICKET));
            // off: the delegate got the message untouched and nothing else ran
            assertThat(second.getMessage().getHeader("CamelOrchestrated")).isNull();
            assertThat(second.getMessage().getHeader("CamelOrchestrationUsageInputTokens", Long.class))
                    .as("the delegate saw the uncompressed ticket").isEqualTo(TICKET.split(" ").length);
            assertThat(server.getAttribute(component, "TotalTokensUsed")).isEqualTo(used);
            assertThat(server.getAttribute(component, "StepsOrchestrated")).isEqualTo(1L);

            server.setAttribute(component, new Attribute("Enabled", true));
            Exchange third = app.template().request("direct:ticket", e -> e.getMessage().setBody(TICKET));
            assertThat(third.getMessage().getHeader("CamelOrchestrated", Boolean.class)).isTrue();
            assertThat(server.getAttribute(component, "StepsOrchestrated")).isEqualTo(2L);
        }
    }
}
