package io.camelorchestration.component;

import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.audit.AuditSink;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.FluentProducerTemplate;

/**
 * Sends each audit event as JSON to the {@code audit-uri} endpoint (log:, seda:, sql:, kafka:, ...).
 */
final class EndpointAuditSink implements AuditSink {

    private final CamelContext context;
    private final Endpoint endpoint;
    private volatile FluentProducerTemplate template;

    EndpointAuditSink(CamelContext context, Endpoint endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    @Override
    public void publish(AuditEvent event) throws Exception {
        if (template == null) {
            FluentProducerTemplate t = context.createFluentProducerTemplate();
            t.start();
            template = t;
        }
        Exchange result = template.withBody(event.toJson())
                .withHeader(Exchange.CONTENT_TYPE, "application/json")
                .withHeader("CamelOrchestrationAuditAction", event.action().name())
                .to(endpoint).send();
        if (result.getException() != null) {
            throw result.getException();
        }
    }

    @Override
    public String toString() {
        return "audit-uri " + endpoint.getEndpointBaseUri();
    }
}
