package io.camelorchestration.component;

import java.util.ArrayDeque;

import io.camelorchestration.component.langchain4j.UsageCapture;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Binds an orchestrated step's usage capture to the thread that sends its exchange to a {@code langchain4j-*}
 * endpoint, for the length of that send: camel-langchain4j-chat calls its model on the sending thread, which after a
 * {@code threads()} or in a thread pool is not the step's. Sending and sent events of a synchronous producer come on
 * the same thread, so a per-thread stack pairs them; any other exchange, or any other endpoint, is left alone.
 */
final class ModelCallBinding extends EventNotifierSupport {

    private static final ThreadLocal<ArrayDeque<UsageCapture.Capture>> BEFORE = ThreadLocal.withInitial(ArrayDeque::new);
    /** Stands for "nothing was bound" in the stack, which takes no nulls. */
    private static final UsageCapture.Capture NONE = new UsageCapture.Capture();

    ModelCallBinding() {
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSendingEvent || event instanceof ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            UsageCapture.Capture capture = capture(sending.getExchange(), sending.getEndpoint());
            if (capture != null) {
                UsageCapture.Capture before = UsageCapture.bind(capture);
                BEFORE.get().push(before == null ? NONE : before);
            }
        } else if (event instanceof ExchangeSentEvent sent) {
            if (capture(sent.getExchange(), sent.getEndpoint()) != null) {
                // an asynchronous producer completes on another thread, whose stack has nothing of this send
                UsageCapture.Capture before = BEFORE.get().poll();
                if (before != null) {
                    UsageCapture.restore(before == NONE ? null : before);
                }
            }
        }
    }

    private static UsageCapture.Capture capture(Exchange exchange, Endpoint endpoint) {
        if (exchange == null || endpoint == null || !endpoint.getEndpointUri().startsWith("langchain4j")) {
            return null;
        }
        return exchange.getProperty(OrchestrateConstants.USAGE_CAPTURE_PROPERTY, UsageCapture.Capture.class);
    }
}
