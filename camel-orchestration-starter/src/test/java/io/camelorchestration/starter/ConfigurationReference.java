package io.camelorchestration.starter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelorchestration.internal.Json;
import org.apache.camel.util.StringHelper;

/**
 * Writes docs/configuration.md from the component's JSON descriptor (the one camel-package-maven-plugin generates from
 * the @Metadata/@UriParam annotations), so the reference can never say something the code does not. Run
 * {@code ConfigurationReferenceTest} with {@code -Ddocs.write=true} to regenerate it.
 */
final class ConfigurationReference {

    static final String DESCRIPTOR = "META-INF/io/camelorchestration/component/orchestrate.json";
    static final String PREFIX = "camel.component.orchestrate.";
    /** The component options' groups (their {@code @Metadata} label; none: producer), in the order the page shows them. */
    static final Map<String, String> GROUPS = groups();

    private static Map<String, String> groups() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("producer", "General");
        g.put("budget", "Budgets");
        g.put("journal", "Journals");
        g.put("audit", "Audit");
        g.put("cache", "Response cache");
        return g;
    }

    private ConfigurationReference() {
    }

    static String render() throws IOException {
        JsonNode root;
        try (InputStream in = ConfigurationReference.class.getClassLoader().getResourceAsStream(DESCRIPTOR)) {
            if (in == null) {
                throw new IllegalStateException(DESCRIPTOR + " is not on the class path");
            }
            root = Json.MAPPER.readTree(in);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("<!-- Generated from ").append(DESCRIPTOR).append(" by ConfigurationReference (starter tests).\n");
        md.append("     Do not edit: change the @Metadata/@UriParam descriptions in the component, rebuild, then run\n");
        md.append("     mvn -pl camel-orchestration-starter -am test -Dtest=ConfigurationReferenceTest")
                .append(" -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.write=true -->\n\n");
        md.append(root.path("component").path("description").asText()).append("\n\n");
        md.append("Artifact `").append(root.path("component").path("groupId").asText()).append(':')
                .append(root.path("component").path("artifactId").asText())
                .append("` (or `io.camelorchestration:camel-orchestration-starter` for camel-main). Syntax: `")
                .append(root.path("component").path("syntax").asText()).append("`.\n\n");

        List<Map.Entry<String, JsonNode>> component = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> endpointDefaults = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> advanced = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("componentProperties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("configuration")) {
                continue; // the holder of the endpoint defaults below, not an option of its own
            }
            if (e.getValue().has("configurationClass")) {
                endpointDefaults.add(e);
            } else if ("advanced".equals(e.getValue().path("group").asText())) {
                advanced.add(e);
            } else {
                component.add(e);
            }
        }

        md.append("## Component options\n\n");
        md.append("Set in `application.properties` as `").append(PREFIX)
                .append("<option>` (kebab-case or camelCase), or on the component bean. `enabled`, `compression-enabled` and")
                .append(" `routing-enabled` can also be flipped at runtime on the component MBean (see metrics-and-jmx.md).")
                .append(" Grouped as in the Camel catalog (the options' labels).\n\n");
        Map<String, List<Map.Entry<String, JsonNode>>> groups = new LinkedHashMap<>();
        GROUPS.keySet().forEach(g -> groups.put(g, new ArrayList<>()));
        for (Map.Entry<String, JsonNode> e : component) {
            groups.computeIfAbsent(e.getValue().path("group").asText(), g -> new ArrayList<>()).add(e);
        }
        groups.forEach((group, options) -> {
            if (!options.isEmpty()) {
                md.append("### ").append(GROUPS.getOrDefault(group, group)).append("\n\n");
                table(md, options, true);
            }
        });

        md.append("## Advanced component options\n\n");
        md.append("Beans marked *autowired* are picked up from the registry when exactly one of the type is bound.\n\n");
        table(md, advanced, true);

        md.append("## Endpoint defaults on the component\n\n");
        md.append("These endpoint options can also be set once for every `orchestrate:` endpoint as `").append(PREFIX)
                .append("<option>`; an option in the endpoint URI wins.\n\n");
        table(md, endpointDefaults, true);

        md.append("## Endpoint options: `").append(root.path("component").path("syntax").asText()).append("`\n\n");
        List<Map.Entry<String, JsonNode>> endpoint = new ArrayList<>();
        root.path("properties").fields().forEachRemaining(endpoint::add);
        table(md, endpoint, false);

        md.append("## Message headers\n\n");
        md.append("| header | type | description |\n| --- | --- | --- |\n");
        root.path("headers").fields().forEachRemaining(e -> md.append("| `").append(e.getKey()).append("` | ")
                .append(e.getValue().path("javaType").asText()).append(" | ").append(cell(e.getValue().path("description").asText()))
                .append(" |\n"));
        md.append('\n');
        return md.toString();
    }

    private static void table(StringBuilder md, List<Map.Entry<String, JsonNode>> options, boolean propertyNames) {
        md.append("| ").append(propertyNames ? "property" : "option").append(" | type | default | description |\n");
        md.append("| --- | --- | --- | --- |\n");
        for (Map.Entry<String, JsonNode> e : options) {
            JsonNode o = e.getValue();
            String name = propertyNames ? StringHelper.camelCaseToDash(e.getKey()) : e.getKey();
            if ("path".equals(o.path("kind").asText())) {
                name = name + " (path)";
            }
            StringBuilder type = new StringBuilder(o.path("type").asText());
            if (o.has("enum")) {
                List<String> values = new ArrayList<>();
                o.path("enum").forEach(v -> values.add(v.asText()));
                type = new StringBuilder("one of ").append(String.join(", ", values));
            } else if ("object".equals(type.toString())) {
                type.append(" (`").append(o.path("javaType").asText()).append("`)");
            }
            StringBuilder description = new StringBuilder(cell(o.path("description").asText()));
            if (o.path("required").asBoolean()) {
                description.insert(0, "**Required.** ");
            }
            if (o.path("autowired").asBoolean()) {
                description.append(" *Autowired.*");
            }
            md.append("| `").append(name).append("` | ").append(type).append(" | ")
                    .append(o.has("defaultValue") ? "`" + o.path("defaultValue").asText() + "`" : "–").append(" | ")
                    .append(description).append(" |\n");
        }
        md.append('\n');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").trim();
    }

    static void write(Path target) throws IOException {
        Files.writeString(target, render(), StandardCharsets.UTF_8);
    }
}
