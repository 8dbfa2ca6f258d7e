package io.camelorchestration.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine knows nothing of Camel (as Resilience4j's core knows nothing of Micrometer): only the component
 * package adapts it.
 */
class EngineBoundaryTest {

    @Test
    void enginePackagesImportNoCamelAndNoMicrometer() throws IOException {
        Path root = Path.of("src/main/java/io/camelorchestration");
        assertThat(root).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !root.relativize(p).startsWith("component"))
                    .filter(p -> {
                        try {
                            return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import org.apache.camel")
                                    || l.startsWith("import io.micrometer"));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }
}
