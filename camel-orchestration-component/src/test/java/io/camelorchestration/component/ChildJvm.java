package io.camelorchestration.component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A class's {@code main} in a JVM of its own, on this test's class path: an instance a test can kill with
 * {@code kill -9} ({@code destroyForcibly}). Every line the child prints is handed to {@code lines} as it comes.
 */
final class ChildJvm {

    private final Process process;
    private final Thread reader;

    private ChildJvm(Process process, Thread reader) {
        this.process = process;
        this.reader = reader;
    }

    static ChildJvm start(Class<?> main, Consumer<String> lines, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        });
        reader.start();
        return new ChildJvm(process, reader);
    }

    /** {@code kill -9}, then waits until the child is gone and every line it printed has been read. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5000);
    }
}
