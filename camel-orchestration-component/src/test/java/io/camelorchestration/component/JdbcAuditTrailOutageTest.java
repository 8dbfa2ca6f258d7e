package io.camelorchestration.component;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail's database goes down in the middle of a run and comes back. Exchanges keep flowing at full speed
 * while it is down, and once it is back every audit event is in the table, once.
 */
class JdbcAuditTrailOutageTest extends OrchestrateTestSupport {

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    @TempDir
    java.nio.file.Path journals;

    final Set<String> published = ConcurrentHashMap.newKeySet();
    final Set<String> dbThreads = ConcurrentHashMap.newKeySet();

    {
        llm.routeId("llm").answers("Thank you for your message.");
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setAuditJdbc(true);
        orchestrate.setJournalDirectory(journals.toString());
        orchestrate.setDataSource(recordingThreads(db.dataSource(), dbThreads));
        // a second sink, in memory, tells what was handed to the sinks
        orchestrate.setAuditSink((AuditEvent e) -> published.add(e.executionId() + "/" + e.action()));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask").to("orchestrate:answer?delegate=direct:llm&intent=generate");
            }
        };
    }

    @Test
    void noAuditEventIsLostAndNoExchangeWaitsWhileTheDatabaseIsDown() throws Exception {
        OrchestrateComponent orchestrate = orchestrate();
        AtomicLong slowest = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        run(template, 200, slowest, failed);
        db.stopServer();
        long downAt = System.nanoTime();
        slowest.set(0);
        run(template, 400, slowest, failed);
        long slowestWhileDown = slowest.get();
        Thread.sleep(Math.max(0, 1500 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downAt)));
        JdbcAuditSinkView sink = new JdbcAuditSinkView(orchestrate);
        assertThat(sink.pending()).as("events wait in the buffer while the database is down").isPositive();
        db.startServer();
        run(template, 200, slowest, failed);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sink.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long rows = db.queryLong("SELECT COUNT(*) FROM audit_trail");
        long distinct = db.queryLong("SELECT COUNT(DISTINCT (execution_id, action)) FROM audit_trail");
        System.out.printf("audit outage: %d events published, %d rows, %d retries, slowest exchange while down %d ms%n",
                published.size(), rows, sink.retries(), TimeUnit.NANOSECONDS.toMillis(slowestWhileDown));

        assertThat(failed.get()).isZero();
        assertThat(published).as("3 events per exchange: initialized, step executed, completed").hasSize(3 * 800);
        assertThat(rows).as("every event in the table").isEqualTo(published.size());
        assertThat(distinct).as("and none twice").isEqualTo(rows);
        assertThat(sink.retries()).as("the outage was felt by the sink").isPositive();
        assertThat(dbThreads).as("only the sink's own thread talks to the database, never an exchange's")
                .containsOnly("orchestrate-audit-jdbc");
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowestWhileDown)).as("no exchange waited for the sink's retries")
                .isLessThan(2000);
        assertThat(db.queryLong("SELECT COUNT(*) FROM audit_trail WHERE details->>'intent' = 'generate'"))
                .as("details stored as JSON").isEqualTo(800);
    }

    private static void run(ProducerTemplate template, int exchanges, AtomicLong slowest, AtomicLong failed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < exchanges / 4; i++) {
                        long t0 = System.nanoTime();
                        Exchange out = template.send("direct:ask", e -> e.getMessage().setBody("Please write a reply."));
                        slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                        if (out.getException() != null) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static DataSource recordingThreads(DataSource ds, Set<String> threads) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    threads.add(Thread.currentThread().getName());
                    try {
                        return method.invoke(ds, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Reads the built-in sink's figures. */
    private record JdbcAuditSinkView(OrchestrateComponent component) {
        long pending() {
            return component.runtime().jdbcAudit().pending();
        }

        long retries() {
            return component.runtime().jdbcAudit().retries();
        }
    }
}
