package io.camelorchestration.example;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The example's own settings ({@code example.*} in application.properties), overridden by system properties
 * ({@code -Dexample.llm.base-url=…}) and by {@code --key=value} arguments; {@code --serve} keeps the application
 * running after the batch.
 */
record ExampleSettings(boolean serve, String baseUrl, String largeModel, String smallModel, String apiKeyEnv,
        long latencyMs, double errorRate, int servePort) {

    static ExampleSettings from(String[] args) {
        Properties p = new Properties();
        try (InputStream in = ExampleSettings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("example.")) {
                p.setProperty(k.toString(), v.toString());
            }
        });
        boolean serve = false;
        for (String a : args) {
            if (a.equals("--serve")) {
                serve = true;
            } else if (a.startsWith("--") && a.contains("=")) {
                p.setProperty(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("Unknown argument '" + a + "'; allowed: --serve, --example.<key>=<value>");
            }
        }
        return new ExampleSettings(serve, p.getProperty("example.llm.base-url", "").trim(),
                p.getProperty("example.llm.large-model", "gpt-4o").trim(),
                p.getProperty("example.llm.small-model", "gpt-4o-mini").trim(),
                p.getProperty("example.llm.api-key-env", "OPENAI_API_KEY").trim(),
                Long.parseLong(p.getProperty("example.server.latency-ms", "0").trim()),
                Double.parseDouble(p.getProperty("example.server.error-rate", "0").trim()),
                Integer.parseInt(p.getProperty("example.serve.port", "9876").trim()));
    }

    boolean embedded() {
        return baseUrl.isEmpty();
    }
}
