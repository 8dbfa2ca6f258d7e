package io.camelorchestration.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One audit event. {@code details} holds figures and names only, never prompt or response text.
 */
public record AuditEvent(Instant timestamp, AuditAction action, String entityType, String entityId,
        String executionId, String routeId, String userId, String severity, Map<String, Object> details) {

    public AuditEvent {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
