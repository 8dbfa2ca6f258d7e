package io.camelorchestration.audit;

import java.time.Instant;
import java.util.Map;

import io.camelorchestration.audit.internal.AuditEventJson;

/**
 * One audit event. {@code details} holds figures and names only, never prompt or response text.
 */
public record AuditEvent(Instant timestamp, AuditAction action, String entityType, String entityId,
        String executionId, String routeId, String userId, String severity, Map<String, Object> details) {

    public AuditEvent {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /** This event as JSON, field names and order as in the contract (SPEC.md, audit events). */
    public String toJson() {
        return AuditEventJson.toJson(this);
    }
}
