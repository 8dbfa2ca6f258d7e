package io.camelorchestration.benchmarks;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.BudgetStorePolicy;
import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.component.OrchestrateConstants;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The books under an outage: for every combination of on-budget-store-unavailable (open, closed) and
 * onBudgetExceeded (degrade, fallback, fail), 16 threads send steps whose delegate reports its usage, the JDBC
 * ledger's PostgreSQL (behind HikariCP) is stopped for a few seconds mid-run and started again, and the JDBC audit
 * trail writes to the same database. After recovery it prints, per scenario: exchanges, failed, steps that ran
 * unbooked, the delegates' reported tokens against the ledger's committed total, what stays reserved, the slowest
 * step while the store was down (p99.9 and max), and audit events published against rows in the table.
 * <p>
 * {@code mvn -B -ntp -Pbench -pl camel-orchestration-benchmarks -am package -DskipTests -Dbenchmark=ReliabilityBenchmark}
 * (options: {@code -Doutage.seconds=3 -Drun.seconds=8}).
 */
public final class ReliabilityBenchmark {

    static final int THREADS = 16;

    private static EmbeddedPostgres pg;
    private static int port;
    private static Path dataDir;

    public static void main(String[] args) throws Exception {
        long outageMs = Long.getLong("outage.seconds", 3) * 1000;
        long runMs = Long.getLong("run.seconds", 8) * 1000;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dataDir = Files.createTempDirectory("reliability-pg");
        startPg();
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres&connectTimeout=1&socketTimeout=5");
        cfg.setMaximumPoolSize(20);
        cfg.setConnectionTimeout(250);
        cfg.setInitializationFailTimeout(-1);
        cfg.setPoolName("reliability");
        Path journals = Files.createTempDirectory("reliability-journals");
        System.out.printf("reliability: %d threads, %d s per scenario, database stopped %d s mid-run, budget-reserve-timeout 50 ms%n",
                THREADS, runMs / 1000, outageMs / 1000);
        System.out.println("| store policy | onBudgetExceeded | exchanges | failed | ran unbooked | reported tokens | committed"
                + " | reserved | p99.9 / max ms while down | audit published / rows |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        try (HikariDataSource ds = new HikariDataSource(cfg)) {
            for (BudgetStorePolicy policy : List.of(BudgetStorePolicy.CLOSED, BudgetStorePolicy.OPEN)) {
                for (String onExceeded : List.of("degrade", "fallback", "fail")) {
                    scenario(ds, journals, policy, onExceeded, runMs, outageMs);
                }
            }
        } finally {
            pg.close();
        }
    }

    private static void scenario(DataSource ds, Path journals, BudgetStorePolicy policy, String onExceeded, long runMs,
            long outageMs) throws Exception {
        String tenant = "r-" + policy.id() + "-" + onExceeded;
        AtomicLong reported = new AtomicLong();
        AtomicLong published = new AtomicLong();
        CamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName(tenant);
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setBudgets(tenant + "=1000000000 tokens/day hard");
        orchestrate.setOnBudgetStoreUnavailable(policy);
        orchestrate.setBudgetLedger(new JdbcBudgetLedger(ds));
        orchestrate.setAuditJdbc(true);
        orchestrate.setDataSource(ds);
        orchestrate.setAuditSink(e -> published.incrementAndGet());
        orchestrate.setJournalDirectory(journals.toString());
        ctx.addComponent("orchestrate", orchestrate);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler()); // a refused step under fail is counted here, not logged per exchange
                from("direct:ask").to("orchestrate:answer?delegate=direct:llm&intent=generate&maxOutputTokens=50"
                        + "&budgetKey=RAW(${header.tenant})&onBudgetExceeded=" + onExceeded);
                from("direct:llm").process(e -> {
                    int in = ThreadLocalRandom.current().nextInt(5, 40);
                    int out = ThreadLocalRandom.current().nextInt(1, 50);
                    reported.addAndGet(in + out);
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_INPUT_TOKENS, in);
                    e.getMessage().setHeader(OrchestrateConstants.USAGE_OUTPUT_TOKENS, out);
                    e.getMessage().setBody("Thanks, noted.");
                });
            }
        });
        ctx.start();
        ProducerTemplate template = ctx.createProducerTemplate();
        AtomicLong exchanges = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong unbooked = new AtomicLong();
        ConcurrentLinkedQueue<Long> whileDown = new ConcurrentLinkedQueue<>();
        boolean[] down = { false };
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMs);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread th = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    Exchange out = template.send("direct:ask", e -> {
                        e.getMessage().setHeader("tenant", tenant);
                        e.getMessage().setBody("Please confirm the order and thank the customer.");
                    });
                    long took = System.nanoTime() - t0;
                    exchanges.incrementAndGet();
                    if (down[0]) {
                        whileDown.add(took);
                    }
                    if (out.getException() != null) {
                        failed.incrementAndGet();
                        if (!(out.getException() instanceof BudgetExceededException)) {
                            System.out.println("unexpected failure: " + out.getException());
                        }
                    } else if (out.getMessage().getHeader(OrchestrateConstants.PENDING_SETTLEMENT) != null) {
                        unbooked.incrementAndGet();
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        Thread.sleep((runMs - outageMs) / 2);
        pg.close();
        down[0] = true;
        Thread.sleep(outageMs);
        startPg();
        down[0] = false;
        for (Thread th : threads) {
            th.join();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && orchestrate.pendingSettlements().waiting() > 0) {
            Thread.sleep(100);
        }
        ctx.stop(); // writes the settlements waiting and drains the audit trail
        long committed = query(ds, "SELECT COALESCE(SUM(committed), 0) FROM orchestration_budget WHERE budget_key = '" + tenant + "'");
        long reserved = query(ds, "SELECT COALESCE(SUM(reserved), 0) FROM orchestration_budget WHERE budget_key = '" + tenant + "'");
        long rows = query(ds, "SELECT COUNT(*) FROM audit_trail");
        long[] lat = whileDown.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("| %s | %s | %d | %d | %d | %d | %d | %d | %s | %d / %d |%n", policy.id(), onExceeded, exchanges.get(),
                failed.get(), unbooked.get(), reported.get(), committed, reserved,
                lat.length == 0 ? "-" : ms(lat[(int) Math.min(lat.length - 1, Math.floor(lat.length * 0.999))]) + " / " + ms(lat[lat.length - 1]),
                published.get(), rows);
        // the next scenario counts its own rows
        execute(ds, "DELETE FROM audit_trail");
    }

    private static String ms(long nanos) {
        return String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    private static synchronized void startPg() throws Exception {
        pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300").start();
    }

    private static long query(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
