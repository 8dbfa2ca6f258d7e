package io.camelorchestration.component;

import java.io.IOException;

import io.camelorchestration.catalog.ModelCatalogLoader;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.example.server.ChatServer;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Routes whose LLM is the embedded OpenAI-compatible server, reached over real HTTP: the server for the class, knowing
 * the built-in catalog's models, and the component switched on with routing from gpt-4o.
 */
abstract class ChatServerTestSupport extends OrchestrateTestSupport {

    static ChatServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = new ChatServer(ModelCatalogLoader.builtIn().models().stream()
                .map(m -> new ChatServer.Model(m.name(), m.provider(), m.encoding())).toList()).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
    }

    /** The component, while the context is being made (before {@code context} is set). */
    OrchestrateComponent orchestrate(CamelContext context) {
        return context.getComponent("orchestrate", OrchestrateComponent.class);
    }
}
