package io.camelorchestration.internal;

import java.nio.file.Path;
import java.util.Map;

/** Run in a child JVM by {@link JournalTest}: appends, reports, then waits to be killed with the journal open. */
public final class JournalWriterMain {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        Journal journal = Journal.open(Path.of(args[0]), "crash", 1 << 24, 100_000, null);
        for (int i = 0; i < n; i++) {
            String id = String.format("e-%05d", i);
            journal.append(id, Map.of("n", i));
            if (i % 10 == 0) {
                journal.ack(id);
            }
        }
        System.out.println("appended " + n);
        System.out.flush();
        Thread.sleep(60_000);
    }
}
