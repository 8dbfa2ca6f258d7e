package io.camelorchestration.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.Reservation;
import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The raw rate of the JDBC ledger on PostgreSQL: one reserve and its commit per operation, as a step does. Budget
 * keys either spread over 16 rows or all on one hot row (every caller contends for the same tenant).
 * <p>
 * The ledger writes commits behind the caller, so a rate could look good while commits pile up unwritten: at the
 * end of every iteration the backlog is written (not timed), and the run fails if more than 5 % of a measured
 * iteration's commits were still waiting, i.e. if the store did not keep up with the rate reported: a reported rate
 * is at most 5 % above what the store settled.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReservationBenchmark {

    @Param({ "16", "1" })
    public int keys;

    private PostgresFixture postgres;
    private JdbcBudgetLedger ledger;
    private final LongAdder operations = new LongAdder();
    private static final Instant WINDOW = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @State(Scope.Thread)
    public static class Caller {
        private static final AtomicInteger NEXT = new AtomicInteger();
        final int index = NEXT.getAndIncrement();
        BudgetScope scope;

        @Setup(Level.Trial)
        public void scope(ReservationBenchmark b) {
            scope = new BudgetScope("tenant-*|tokens|day", "tenant-" + index % b.keys, WINDOW);
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        postgres = new PostgresFixture(32);
        ledger = new JdbcBudgetLedger(postgres.dataSource());
        ledger.createSchema();
    }

    @Setup(Level.Iteration)
    public void count() {
        operations.reset();
    }

    @TearDown(Level.Iteration)
    public void backlog(IterationParams iteration) {
        long ops = operations.sum();
        int waiting = ledger.settlementsWaiting();
        ledger.flush();
        // warm-up iterations run cold code: only measured ones must have kept up
        if (iteration.getType() == IterationType.MEASUREMENT && waiting > ops / 20) {
            throw new IllegalStateException("the store fell behind: " + waiting + " of " + ops
                    + " commits still waiting at the end of the iteration");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        ledger.close();
        postgres.close();
    }

    @Benchmark
    public Reservation reserveAndCommit(Caller caller) {
        Reservation r = ledger.reserve(caller.scope, 100, Long.MAX_VALUE);
        ledger.commit(r, 90);
        operations.increment();
        return r;
    }
}
