package io.camelorchestration.starter;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The application under test: camel-main with the starter and src/test/resources/application.properties, nothing
 * else. Only the management port is overridden, with free ones, so tests can run side by side.
 */
final class StarterApp implements AutoCloseable {

    private final Main main = new Main();
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StarterApp() throws Exception {
        this(java.util.Map.of());
    }

    /** With beans bound as a user would with camel.beans.* or @BindToRegistry. */
    StarterApp(java.util.Map<String, Object> beans) throws Exception {
        this(beans, java.util.Map.of());
    }

    /** With properties that win over application.properties, as -D or environment variables would. */
    StarterApp(java.util.Map<String, Object> beans, java.util.Map<String, String> overrides) throws Exception {
        port = freePort();
        beans.forEach(main::bind);
        overrides.forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.management.port", Integer.toString(port));
        main.start();
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    ProducerTemplate template() {
        return context().createProducerTemplate();
    }

    /** GET on the management server over real HTTP. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, "*/*");
    }

    HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        main.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
