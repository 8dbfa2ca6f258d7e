package io.camelorchestration.component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer never blocks the caller's thread on the delegate: with an asynchronous delegate, process() returns
 * at once and the callback fires on the delegate's thread.
 */
class AsyncDelegateTest extends OrchestrateTestSupport {

    final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("async-llm", new AsyncLlmComponent());
        return context;
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
    }

    /** An LLM client that answers on its own thread, as HTTP/2 or reactive clients do. */
    final class AsyncLlmComponent extends DefaultComponent {
        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            return new DefaultEndpoint(uri, this) {
                @Override
                public Producer createProducer() {
                    return new DefaultAsyncProducer(this) {
                        @Override
                        public boolean process(Exchange exchange, AsyncCallback callback) {
                            CompletableFuture.runAsync(() -> {
                                try {
                                    release.await(10, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                exchange.getMessage().setBody("done");
                                callback.done(false);
                            });
                            return false;
                        }
                    };
                }

                @Override
                public Consumer createConsumer(Processor processor) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    @Test
    void processReturnsBeforeTheDelegateAnswers() throws Exception {
        Producer producer = context.getEndpoint(
                "orchestrate:slow?intent=generate&delegate=async-llm:slow").createProducer();
        producer.start();
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody("Write a haiku.");
        AtomicReference<String> doneOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        AsyncCallback callback = doneSync -> {
            doneOn.set(Thread.currentThread().getName());
            done.countDown();
        };

        boolean sync = ((AsyncProcessor) producer).process(exchange, callback);

        assertThat(sync).isFalse();
        assertThat(done.getCount()).isEqualTo(1);
        release.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(doneOn.get()).isNotEqualTo(Thread.currentThread().getName());
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("done");
        assertThat(exchange.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        producer.stop();
    }
}
