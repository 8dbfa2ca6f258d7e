package io.camelorchestration.component.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.component.OrchestrateComponent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * A test of orchestrated routes, on Camel's {@link CamelTestSupport}: a context for each test with the orchestrate
 * component switched on and configured by {@link #configure(OrchestrateComponent)}, a meter registry bound as
 * {@code meters}, a list the audit events can go to, and a {@link FakeLlm} at {@code direct:llm}.
 *
 * <pre>{@code
 * class MyStepTest extends OrchestrateTestSupport {
 *     { llm.answers("Revenue grew.").usage(100, 20); }
 *
 *     protected void configure(OrchestrateComponent orchestrate) {
 *         orchestrate.setRoutingEnabled(true);
 *         orchestrate.setDefaultModel("gpt-4o");
 *     }
 *
 *     protected RouteBuilder createRouteBuilder() {
 *         return new RouteBuilder() {
 *             public void configure() {
 *                 from("direct:ticket").to("orchestrate:summarize?intent=summarize&delegate=direct:llm");
 *             }
 *         };
 *     }
 * }
 * }</pre>
 *
 * More fakes at other URIs come from {@link #fakeLlm(String)}; their routes are added with the test's own.
 */
public abstract class OrchestrateTestSupport extends CamelTestSupport {

    protected final MeterRegistry meters = new SimpleMeterRegistry();
    /** Where the audit events go when {@code configure} says {@code orchestrate.setAuditSink(audit::add)}. */
    protected final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private final List<FakeLlm> fakes = new ArrayList<>();
    /** The LLM at {@code direct:llm}. */
    protected final FakeLlm llm = fakeLlm("direct:llm");

    /** Another fake LLM, at this URI, started with the context. */
    protected final FakeLlm fakeLlm(String uri) {
        FakeLlm fake = new FakeLlm(uri);
        fakes.add(fake);
        return fake;
    }

    /** The options of the test's component; it is already switched on. */
    protected void configure(OrchestrateComponent orchestrate) {
    }

    /**
     * Beans of the user's, bound before the component is added: the component autowires its options (a
     * {@code ResponseCache}, a {@code BudgetLedger}) when it is added, which is before Camel's own
     * {@link #bindToRegistry(Registry)}.
     */
    protected void bind(Registry registry) {
    }

    /** The orchestrate component of the running context. */
    protected OrchestrateComponent orchestrate() {
        return context.getComponent("orchestrate", OrchestrateComponent.class);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meters", meters);
        bind(context.getRegistry());
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        configure(orchestrate);
        context.addComponent("orchestrate", orchestrate);
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        List<RoutesBuilder> builders = new ArrayList<>(List.of(super.createRouteBuilders()));
        builders.addAll(fakes);
        return builders.toArray(RoutesBuilder[]::new);
    }
}
