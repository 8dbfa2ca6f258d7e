package io.camelorchestration.starter.spring;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelorchestration.internal.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata the build wrote into the starter's jar: one entry per component option, with the descriptor's
 * description, default and allowed values (what IntelliJ/VS Code complete under camel.component.orchestrate.*).
 */
class ConfigurationMetadataTest {

    @Test
    void everyOptionIsDocumentedForTheIde() throws Exception {
        JsonNode metadata = ours();
        Map<String, JsonNode> properties = new HashMap<>();
        metadata.path("properties").forEach(p -> properties.put(p.path("name").asText(), p));
        Map<String, JsonNode> hints = new HashMap<>();
        metadata.path("hints").forEach(h -> hints.put(h.path("name").asText(), h));

        ComponentOptions options = ComponentOptions.load();
        assertThat(options.options()).hasSizeGreaterThan(30);
        assertThat(properties).hasSize(options.options().size());
        for (ComponentOptions.Option option : options.options()) {
            JsonNode p = properties.get("camel.component.orchestrate." + option.dashed());
            assertThat(p).as(option.name()).isNotNull();
            assertThat(p.path("description").asText()).startsWith(option.description());
            if (!option.enums().isEmpty()) {
                List<String> values = new ArrayList<>();
                hints.get(p.path("name").asText()).path("values").forEach(v -> values.add(v.path("value").asText()));
                assertThat(values).isEqualTo(option.enums());
            }
        }
        JsonNode enabled = properties.get("camel.component.orchestrate.enabled");
        assertThat(enabled.path("type").asText()).isEqualTo("java.lang.Boolean");
        assertThat(enabled.path("defaultValue").asBoolean(true)).isFalse();
        assertThat(properties.get("camel.component.orchestrate.budget-reserve-timeout").path("defaultValue").asText()).isEqualTo("50");
        assertThat(properties.get("camel.component.orchestrate.workflow-budget-tokens").path("type").asText()).isEqualTo("java.lang.Long");
    }

    /**
     * An option of a closed set is an enum: the IDE gets the enum type (it checks the value) and the values as written,
     * lower-case; an endpoint default that also takes auto (not a constant) is text with the same hints.
     */
    @Test
    void enumOptionsHaveTheirTypeAndTheirValues() throws Exception {
        JsonNode metadata = ours();
        Map<String, JsonNode> properties = new HashMap<>();
        metadata.path("properties").forEach(p -> properties.put(p.path("name").asText(), p));
        Map<String, List<String>> hints = new HashMap<>();
        metadata.path("hints").forEach(h -> {
            List<String> values = new ArrayList<>();
            h.path("values").forEach(v -> values.add(v.path("value").asText()));
            hints.put(h.path("name").asText(), values);
        });
        String p = "camel.component.orchestrate.";
        assertThat(properties.get(p + "ledger").path("type").asText()).isEqualTo("io.camelorchestration.component.LedgerType");
        assertThat(hints.get(p + "ledger")).containsExactly("memory", "jdbc");
        assertThat(properties.get(p + "on-budget-store-unavailable").path("type").asText())
                .isEqualTo("io.camelorchestration.budget.BudgetStorePolicy");
        assertThat(hints.get(p + "on-budget-store-unavailable")).containsExactly("closed", "open");
        assertThat(properties.get(p + "cache-store").path("type").asText()).isEqualTo("io.camelorchestration.component.CacheStoreType");
        assertThat(hints.get(p + "cache-store")).containsExactly("local", "jcache");
        assertThat(properties.get(p + "on-budget-exceeded").path("type").asText())
                .isEqualTo("io.camelorchestration.budget.OnBudgetExceeded");
        assertThat(hints.get(p + "on-budget-exceeded")).containsExactly("degrade", "fallback", "fail");
        assertThat(properties.get(p + "routing").path("type").asText()).isEqualTo("io.camelorchestration.component.RoutingMode");
        assertThat(hints.get(p + "cache")).containsExactly("off", "exact");
        assertThat(properties.get(p + "intent").path("type").asText()).isEqualTo("java.lang.String");
        assertThat(properties.get(p + "intent").path("defaultValue").asText()).isEqualTo("auto");
        assertThat(hints.get(p + "intent")).startsWith("auto", "extract", "summarize").hasSize(11);
        assertThat(properties.get(p + "compression").path("type").asText()).isEqualTo("java.lang.String");
        assertThat(hints.get(p + "compression")).containsExactly("auto", "off", "light", "aggressive");
    }

    /** Several jars carry the file (camel-spring-boot too): ours is the one whose group is camel.component.orchestrate. */
    private static JsonNode ours() throws Exception {
        for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader().getResources(ConfigurationMetadataWriter.RESOURCE))) {
            try (InputStream in = url.openStream()) {
                JsonNode node = Json.MAPPER.readTree(in);
                if (node.path("groups").path(0).path("name").asText().equals("camel.component.orchestrate")) {
                    return node;
                }
            }
        }
        throw new AssertionError(ConfigurationMetadataWriter.RESOURCE + " of the starter is not on the class path (build it with mvn)");
    }
}
