package io.camelorchestration.component;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Runs the wrapped step. Disabled, it is a plain asynchronous call of the delegate; enabled, each message goes
 * through a {@link StepRun}. Never blocks a thread on the delegate.
 */
final class OrchestrateProducer extends DefaultAsyncProducer {

    private final OrchestrateEndpoint endpoint;
    private final OrchestrateComponent component;

    OrchestrateProducer(OrchestrateEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.component = endpoint.getComponent();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (!component.isEnabled()) {
            return endpoint.delegate().process(exchange, callback);
        }
        return new StepRun(endpoint, component.runtime(), exchange, callback).run();
    }
}
