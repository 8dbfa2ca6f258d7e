package io.camelorchestration.audit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.camelorchestration.component.JdbcTestDatabase;
import io.camelorchestration.internal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process publishes audit events while the database does not answer and is killed with {@code kill -9}
 * ({@code destroyForcibly}): every event was spooled to its journal before publish returned, so the next process
 * with the same journal writes them all, and those already in the table (committed, not yet taken out of the
 * journal when the process died) are not written twice.
 */
class JdbcAuditCrashTest {

    static final int EVENTS = 2_000;

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void eventsOfAProcessKilledWithKill9AreWrittenByTheNextOneOnce() throws Exception {
        int nothingListens;
        try (ServerSocket s = new ServerSocket(0)) {
            nothingListens = s.getLocalPort();
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AuditWriterMain.class.getName(), dir.toString(),
                String.valueOf(nothingListens), String.valueOf(EVENTS))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("published " + EVENTS)) {
                // the child's log lines
            }
            assertThat(line).isEqualTo("published " + EVENTS);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        // a tenth of them reached the table before the crash, but were not yet taken out of the journal
        db.execute("CREATE TABLE IF NOT EXISTS audit_trail (id UUID PRIMARY KEY, created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " action VARCHAR(64) NOT NULL, entity_type VARCHAR(64), entity_id VARCHAR(256), execution_id VARCHAR(128),"
                + " route_id VARCHAR(256), user_id VARCHAR(256), severity VARCHAR(16), details JSONB)");
        try (Journal journal = Journal.openFree(dir, "audit", 1 << 26, Integer.MAX_VALUE, null)) {
            assertThat(journal.size()).as("every event on disk").isEqualTo(EVENTS);
            List<Journal.Entry> some = journal.peek(EVENTS / 10);
            for (Journal.Entry e : some) {
                db.execute("INSERT INTO audit_trail (id, created_at, action) VALUES ('" + e.json().get("id").asText()
                        + "', now(), 'ORCHESTRATION_STEP_EXECUTED')");
            }
        }

        JdbcAuditSink next = new JdbcAuditSink(db.dataSource())
                .spoolTo(Journal.openFree(dir, "audit", 1 << 26, Integer.MAX_VALUE, null));
        try {
            next.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> next.recovered() == EVENTS && next.pending() == 0);
            long rows = db.queryLong("SELECT COUNT(*) FROM audit_trail");
            long distinctExecutions = db.queryLong("SELECT COUNT(DISTINCT execution_id) FROM audit_trail"
                    + " WHERE execution_id IS NOT NULL");
            System.out.printf("audit after kill -9: %d events published, %d recovered from the journal, %d rows%n",
                    EVENTS, next.recovered(), rows);
            assertThat(rows).as("every event once: none lost, none twice").isEqualTo(EVENTS);
            assertThat(distinctExecutions).as("the recovered events' own content")
                    .isEqualTo(EVENTS - EVENTS / 10);
        } finally {
            next.close();
        }
        try (Journal journal = Journal.openFree(dir, "audit", 1 << 26, Integer.MAX_VALUE, null)) {
            assertThat(journal.size()).as("taken out of the journal once written").isZero();
        }
    }
}
