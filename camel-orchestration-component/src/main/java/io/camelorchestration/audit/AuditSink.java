package io.camelorchestration.audit;

/**
 * Receives audit events. Called off the exchange's thread; may block or throw, which is counted and logged by the
 * caller, never felt by the exchange. Bind your own to send events anywhere.
 */
@FunctionalInterface
public interface AuditSink {

    void publish(AuditEvent event) throws Exception;
}
