package io.camelorchestration.starter.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelorchestration.internal.Json;
import org.apache.camel.util.StringHelper;

/**
 * The component options as the component's generated descriptor ({@code orchestrate.json}, the Camel catalog's source)
 * lists them: what the Spring Boot binding binds and what the IDE metadata documents, so neither is written by hand.
 */
record ComponentOptions(String description, List<Option> options) {

    static final String DESCRIPTOR = "META-INF/io/camelorchestration/component/orchestrate.json";
    static final String PREFIX = "camel.component.orchestrate";

    /**
     * One component option. {@code endpointDefault}: a default of every endpoint (held in the component's
     * {@code configuration}), also bound as {@code configuration.<option>}.
     */
    record Option(String name, String javaType, String type, JsonNode defaultValue, String description, List<String> enums,
                  boolean endpointDefault, boolean autowired, boolean deprecated) {

        /** The documented property, e.g. {@code compression-enabled}. */
        String dashed() {
            return StringHelper.camelCaseToDash(name);
        }
    }

    static ComponentOptions load() {
        try (InputStream in = ComponentOptions.class.getClassLoader().getResourceAsStream(DESCRIPTOR)) {
            if (in == null) {
                throw new IllegalStateException(DESCRIPTOR + " is not on the class path (camel-orchestration-component missing?)");
            }
            // the component's one mapper (see ConfigurationMetadataWriter.render)
            return parse(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DESCRIPTOR, e);
        }
    }

    private static ComponentOptions parse(JsonNode root) {
        List<Option> options = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("componentProperties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            if (e.getKey().equals("configuration")) {
                continue; // the holder of the endpoint defaults, not an option of its own
            }
            List<String> enums = new ArrayList<>();
            o.path("enum").forEach(v -> enums.add(v.asText()));
            options.add(new Option(e.getKey(), o.path("javaType").asText(), o.path("type").asText(),
                    o.has("defaultValue") ? o.get("defaultValue") : null, o.path("description").asText(""), List.copyOf(enums),
                    o.has("configurationClass"), o.path("autowired").asBoolean(), o.path("deprecated").asBoolean()));
        }
        return new ComponentOptions(root.path("component").path("description").asText(), List.copyOf(options));
    }
}
