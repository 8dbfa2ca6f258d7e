package io.camelorchestration.starter;

import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.component.health.OrchestrateHealthCheck;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * camel-main auto-configuration, found by {@link java.util.ServiceLoader} when the starter is on the class path: the
 * orchestrate component gets a MeterRegistry (found, or created and bound where camel-micrometer-prometheus looks for
 * one), and the orchestrate health check is bound so Camel's health-check registry reports it. Everything else (flags,
 * model catalog, budgets, the JDBC ledger) binds from {@code camel.component.orchestrate.*} through the component's
 * generated configurer, and the dev console is discovered from its service file.
 */
public final class OrchestrationAutoConfiguration implements ContextServicePlugin {

    static final String HEALTH_CHECK_BEAN = "orchestrate-health-check";

    @Override
    public void load(CamelContext context) {
        // The registry is resolved when the component is added, not now: beans the application binds after this
        // plugin runs (its own MeterRegistry, camel.beans.*) must still win, and two registries would leave the
        // component's single-registry lookup with none.
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onComponentAdd(String name, Component component) {
                if (component instanceof OrchestrateComponent oc && oc.getMeterRegistry() == null) {
                    oc.setMeterRegistry(MeterRegistries.findOrCreate(context));
                }
            }
        });
        if (context.getRegistry().lookupByName(HEALTH_CHECK_BEAN) == null) {
            OrchestrateHealthCheck check = new OrchestrateHealthCheck();
            check.setCamelContext(context);
            context.getRegistry().bind(HEALTH_CHECK_BEAN, check);
        }
    }
}
