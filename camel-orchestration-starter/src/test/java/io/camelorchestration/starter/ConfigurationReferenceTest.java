package io.camelorchestration.starter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelorchestration.internal.Json;
import org.apache.camel.util.StringHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md is generated from the component's JSON descriptor. When an option is added, renamed or
 * re-described and the reference is not regenerated, this fails and says how to regenerate it.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @Test
    void referenceMatchesTheComponentDescriptor() throws Exception {
        if (Boolean.getBoolean("docs.write")) {
            ConfigurationReference.write(REFERENCE);
        }
        assertThat(REFERENCE).exists();
        String committed = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        assertThat(committed)
                .as("docs/configuration.md drifted from the component's options; regenerate it with: mvn -pl "
                    + "camel-orchestration-starter -am test -Dtest=ConfigurationReferenceTest "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -Ddocs.write=true")
                .isEqualTo(ConfigurationReference.render());
    }

    @Test
    void everyOptionOfTheDescriptorIsDocumented() throws Exception {
        JsonNode root;
        try (var in = getClass().getClassLoader().getResourceAsStream(ConfigurationReference.DESCRIPTOR)) {
            root = Json.MAPPER.readTree(in);
        }
        List<String> expected = new ArrayList<>();
        root.path("componentProperties").fieldNames().forEachRemaining(n -> {
            if (!n.equals("configuration")) {
                expected.add("`" + StringHelper.camelCaseToDash(n) + "`");
            }
        });
        root.path("properties").fieldNames().forEachRemaining(n -> expected.add("`" + n));
        root.path("headers").fieldNames().forEachRemaining(n -> expected.add("`" + n + "`"));
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(ConfigurationReference.render()).contains(expected);
    }
}
