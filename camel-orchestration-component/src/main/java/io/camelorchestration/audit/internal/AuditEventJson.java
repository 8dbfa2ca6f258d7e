package io.camelorchestration.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.internal.Json;

/**
 * The JSON form of an audit event, field names and order as in the contract.
 */
public final class AuditEventJson {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private AuditEventJson() {
    }

    public static String toJson(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", e.timestamp().toString());
        m.put("action", e.action().name());
        m.put("entityType", e.entityType());
        m.put("entityId", e.entityId());
        m.put("executionId", e.executionId());
        m.put("routeId", e.routeId());
        m.put("userId", e.userId());
        m.put("severity", e.severity());
        m.put("details", e.details());
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("audit event not serializable: " + ex.getOriginalMessage(), ex);
        }
    }
}
