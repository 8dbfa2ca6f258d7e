package io.camelorchestration.component;

import java.io.IOException;

import io.camelorchestration.example.server.ChatServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Routes whose LLM is the embedded OpenAI-compatible server, reached over real HTTP: the server for the class, a
 * meter registry, and the component switched on with routing from gpt-4o.
 */
abstract class ChatServerTestSupport extends CamelTestSupport {

    static ChatServer server;
    final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startServer() throws IOException {
        server = new ChatServer().start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meters", meters);
        OrchestrateComponent orchestrate = context.getComponent("orchestrate", OrchestrateComponent.class);
        orchestrate.setEnabled(true);
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        return context;
    }

    OrchestrateComponent orchestrate(CamelContext context) {
        return context.getComponent("orchestrate", OrchestrateComponent.class);
    }
}
