package io.camelorchestration.component;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.audit.AuditSink;
import io.camelorchestration.audit.jdbc.JdbcAuditSink;
import io.camelorchestration.internal.RateLimitedLog;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers audit events off the exchange's thread, through a bounded queue: a slow or broken sink never blocks or
 * fails an exchange. The built-in JDBC trail is the exception: its publish only appends to a local journal and a
 * buffer, so it is called on the publishing thread and the event is on disk before the exchange goes on. Failures
 * are counted and logged at most once a minute.
 */
final class AuditPublisher extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AuditPublisher.class);
    static final int QUEUE_SIZE = 10_000;
    private static final Object QUEUE = "queue";

    private final CamelContext context;
    private final List<AuditSink> sinks;
    /** Sinks whose publish only journals and buffers (never waits): called on the publishing thread. */
    private final List<AuditSink> inline;
    private final List<AuditSink> queued;
    private final OrchestrationMeters meters;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    // for the health check: the sinks (or the queue) whose latest delivery attempt failed
    private final Set<Object> failing = ConcurrentHashMap.newKeySet();
    private final RateLimitedLog warnings = RateLimitedLog.everyMinute(LOG);
    private ExecutorService executor;

    AuditPublisher(CamelContext context, List<AuditSink> sinks, OrchestrationMeters meters) {
        this.context = context;
        this.sinks = List.copyOf(sinks);
        this.inline = sinks.stream().filter(s -> s instanceof JdbcAuditSink).toList();
        this.queued = sinks.stream().filter(s -> !(s instanceof JdbcAuditSink)).toList();
        this.meters = meters;
    }

    boolean active() {
        return !sinks.isEmpty();
    }

    void publish(AuditEvent event) {
        if (sinks.isEmpty() || executor == null) {
            return;
        }
        if (!inline.isEmpty()) {
            // the JDBC trail spools to its journal on this thread, so that the event is on disk before the exchange
            // goes on: a crash right after loses nothing. Its publish never waits on the database
            deliver(inline, event);
            if (queued.isEmpty()) {
                return;
            }
        }
        try {
            executor.execute(() -> deliver(queued, event));
        } catch (RejectedExecutionException e) {
            failed(null, "audit queue full (" + QUEUE_SIZE + "); event dropped", e);
        }
    }

    private void deliver(List<AuditSink> to, AuditEvent event) {
        for (AuditSink sink : to) {
            try {
                sink.publish(event);
                delivered.incrementAndGet();
                if (!failing.isEmpty()) {
                    failing.remove(sink);
                    failing.remove(QUEUE);
                }
            } catch (Throwable t) {
                failed(sink, "audit sink failed", t);
            }
        }
    }

    private void failed(AuditSink sink, String what, Throwable t) {
        failures.incrementAndGet();
        failing.add(sink == null ? QUEUE : sink);
        meters.auditFailed();
        warnings.warn("{} ({}): {}. {} audit failures so far; logged at most once a minute.", what,
                sink == null ? "queue" : sink, t.toString(), failures.get());
    }

    long failures() {
        return failures.get();
    }

    /** True while a sink's latest delivery attempt failed, or an event was dropped and none was delivered since. */
    boolean lastDeliveryFailed() {
        return !failing.isEmpty();
    }

    long delivered() {
        return delivered.get();
    }

    @Override
    protected void doStart() {
        if (!sinks.isEmpty()) {
            ThreadPoolProfile profile = new ThreadPoolProfile("orchestrate-audit");
            profile.setPoolSize(1);
            profile.setMaxPoolSize(1);
            profile.setMaxQueueSize(QUEUE_SIZE);
            profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
            executor = context.getExecutorServiceManager().newThreadPool(this, "OrchestrateAudit", profile);
        }
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            // let queued events out before the context goes away
            context.getExecutorServiceManager().shutdownGraceful(executor, 10_000);
            executor = null;
        }
    }
}
