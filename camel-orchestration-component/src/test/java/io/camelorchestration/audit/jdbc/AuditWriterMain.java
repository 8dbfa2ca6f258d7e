package io.camelorchestration.audit.jdbc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.internal.Journal;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Run in a child JVM by {@link JdbcAuditCrashTest}: publishes events to a JDBC audit trail whose database does not
 * answer (nothing listens on the port), reports, then waits to be killed with every event still unwritten.
 */
public final class AuditWriterMain {
    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] { "localhost" });
        ds.setPortNumbers(new int[] { Integer.parseInt(args[1]) });
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout(1);
        int n = Integer.parseInt(args[2]);
        JdbcAuditSink sink = new JdbcAuditSink(ds)
                .spoolTo(Journal.openFree(Path.of(args[0]), "audit", 1 << 26, Integer.MAX_VALUE, null));
        sink.start();
        for (int i = 0; i < n; i++) {
            sink.publish(new AuditEvent(Instant.now(), AuditAction.ORCHESTRATION_STEP_EXECUTED, "workflow_step", "answer",
                    "exchange-" + i, "ask", "user-1", "info", Map.of("tokensUsed", i, "intent", "generate")));
        }
        System.out.println("published " + n);
        System.out.flush();
        Thread.sleep(60_000);
    }
}
