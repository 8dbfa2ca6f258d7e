package io.camelorchestration.audit.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.component.JdbcTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audit trail does with events whose content a database could refuse: values from headers that are too
 * long or hold NUL characters are fitted, and an event the database still refuses is dropped alone, without
 * holding up the ones around it.
 */
class JdbcAuditSinkTest {

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    private static AuditEvent event(Instant at, String executionId, String userId, Map<String, Object> details) {
        return new AuditEvent(at, AuditAction.ORCHESTRATION_STEP_EXECUTED, "workflow_step", "reply", executionId,
                "tickets", userId, "info", details);
    }

    @Test
    void oneBadEventDoesNotHoldUpTheTrail() throws Exception {
        JdbcAuditSink sink = new JdbcAuditSink(db.dataSource(), 1000, 100, Duration.ofSeconds(1), Duration.ofSeconds(10));
        Instant now = Instant.now();
        sink.publish(event(now, "ok-1", "user-1", Map.of("tokensUsed", 12)));
        sink.publish(event(now, "long-user", "u".repeat(1000), Map.of("tokensUsed", 1)));
        sink.publish(event(now, "nul-user", "user\u0000-2", Map.of("model", "gpt\u0000-4o")));
        sink.publish(event(Instant.parse("+300000-01-01T00:00:00Z"), "beyond-timestamps", "user-3", Map.of()));
        sink.publish(event(now, "ok-2", "user-4", Map.of("tokensUsed", 7)));
        sink.close();

        assertThat(db.queryLong("SELECT COUNT(*) FROM audit_trail WHERE execution_id IN ('ok-1', 'ok-2')")).isEqualTo(2);
        assertThat(db.queryLong("SELECT LENGTH(user_id) FROM audit_trail WHERE execution_id = 'long-user'")).isEqualTo(256);
        assertThat(db.queryLong("SELECT COUNT(*) FROM audit_trail WHERE execution_id = 'nul-user'"
                + " AND user_id = 'user-2' AND details->>'model' = 'gpt-4o'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT COUNT(*) FROM audit_trail WHERE execution_id = 'beyond-timestamps'")).isZero();
        assertThat(sink.written()).isEqualTo(4);
        assertThat(sink.dropped()).as("the one event no database column can hold").isEqualTo(1);
        assertThat(sink.pending()).isZero();
    }
}
