package io.camelorchestration.starter.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelorchestration.internal.Json;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} (what IDEs complete and document under
 * {@code camel.component.orchestrate.*}) from the component's generated descriptor at build time (exec-maven-plugin in
 * this module's {@code process-classes}), so descriptions, types, defaults and allowed values have one source, the
 * component's {@code @Metadata}, as the Camel catalog and docs/configuration.md do.
 */
public final class ConfigurationMetadataWriter {

    static final String RESOURCE = "META-INF/spring-configuration-metadata.json";
    private static final String SOURCE_TYPE = "io.camelorchestration.component.OrchestrateComponent";
    /** The whole-number options that also take a duration such as 50ms (the component's CheckedConfigurer rule). */
    private static final Pattern DURATION_OPTION = Pattern.compile("(?i).*(timeout|interval|delay|period|ttl|backoff|duration)");

    private ConfigurationMetadataWriter() {
    }

    /** {@code args[0]}: the file to write. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Files.createDirectories(target.getParent());
        Files.writeString(target, render(ComponentOptions.load()));
    }

    static String render(ComponentOptions component) throws IOException {
        // The component's one mapper: the starter is a module of the component, built and released with it, so it uses
        // the shared io.camelorchestration.internal (EngineBoundaryTest keeps only a stage's internals to that stage).
        // Shared, so never reconfigured here: indented through a writer of its own (the same default pretty printer
        // INDENT_OUTPUT would use).
        ObjectMapper json = Json.MAPPER;
        ObjectNode root = json.createObjectNode();
        ObjectNode group = root.putArray("groups").addObject();
        group.put("name", ComponentOptions.PREFIX);
        group.put("type", SOURCE_TYPE);
        group.put("description", component.description());
        group.put("sourceType", SOURCE_TYPE);
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        for (ComponentOptions.Option option : component.options()) {
            String name = ComponentOptions.PREFIX + "." + option.dashed();
            ObjectNode p = properties.addObject();
            p.put("name", name);
            String type = springType(option);
            p.put("type", type);
            p.put("description", description(option));
            p.put("sourceType", SOURCE_TYPE);
            if (option.defaultValue() != null) {
                // a duration option's default as the text it would be written as
                p.set("defaultValue", type.equals("java.lang.String") ? json.getNodeFactory().textNode(option.defaultValue().asText())
                        : option.defaultValue());
            }
            if (option.deprecated()) {
                p.put("deprecated", true);
            }
            if (!option.enums().isEmpty()) {
                ObjectNode hint = hints.addObject();
                hint.put("name", name);
                ArrayNode values = hint.putArray("values");
                option.enums().forEach(v -> values.addObject().put("value", v));
            }
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static String springType(ComponentOptions.Option option) {
        return switch (option.javaType()) {
            case "boolean" -> "java.lang.Boolean";
            case "int" -> "java.lang.Integer";
            case "long" -> DURATION_OPTION.matcher(option.name()).matches() ? "java.lang.String" : "java.lang.Long";
            case "double" -> "java.lang.Double";
            default -> "enum".equals(option.type()) ? enumType(option) : option.javaType();
        };
    }

    /**
     * An option of an enum type: the enum, so that an IDE checks the value, when every allowed value is one of its
     * constants; text when one is not (auto, "not set", for intent and compression). The hints list the values either way.
     */
    private static String enumType(ComponentOptions.Option option) {
        try {
            Class<?> type = Class.forName(option.javaType(), false, ConfigurationMetadataWriter.class.getClassLoader());
            if (!type.isEnum()) {
                return option.javaType();
            }
            for (String value : option.enums()) {
                boolean constant = false;
                for (Object c : type.getEnumConstants()) {
                    constant |= ((Enum<?>) c).name().equalsIgnoreCase(value);
                }
                if (!constant) {
                    return "java.lang.String";
                }
            }
            return option.javaType();
        } catch (ClassNotFoundException | LinkageError e) {
            return "java.lang.String";
        }
    }

    private static String description(ComponentOptions.Option option) {
        String d = option.description();
        if (option.name().equals("enabled")) {
            d += " The orchestrate component's master switch, flippable over JMX; unlike Camel's own starters it does not"
                 + " switch the auto-configuration off.";
        }
        if (option.endpointDefault()) {
            d += " Default for every orchestrate: endpoint (an option in the endpoint URI wins).";
        }
        if ("object".equals(option.type())) {
            d += " A bean reference such as #myBean" + (option.autowired() ? "; default: the application's only bean of the type." : ".");
        }
        return d;
    }
}
