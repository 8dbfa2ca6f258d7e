package io.camelorchestration.budget.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.audit.jdbc.JdbcAuditSink;
import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.Reservation;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger and the audit trail on a database that is not PostgreSQL (H2): the same tables and guarantees through
 * short transactions instead of single statements.
 */
class JdbcPortableSqlTest {

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        return ds;
    }

    private static long query(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final BudgetScope SCOPE = new BudgetScope("acme-*|tokens|day", "acme-eu", Instant.parse("2026-11-24T00:00:00Z"));

    @Test
    void reserveCommitReleaseAndExpiry() throws Exception {
        DataSource ds = h2();
        JdbcBudgetLedger ledger = new JdbcBudgetLedger(ds, Duration.ofMillis(300));
        Reservation a = ledger.reserve(SCOPE, 600, 1000);
        Reservation b = ledger.reserve(SCOPE, 300, 1000);
        assertThat(ledger.reserve(SCOPE, 200, 1000)).isNull();
        ledger.commit(a, 450);
        ledger.release(b);
        ledger.flush();
        assertThat(query(ds, "SELECT committed FROM orchestration_budget")).isEqualTo(450);
        assertThat(query(ds, "SELECT reserved FROM orchestration_budget")).isZero();

        Reservation abandoned = ledger.reserve(SCOPE, 500, 1000);
        assertThat(abandoned).isNotNull();
        Thread.sleep(400);
        assertThat(ledger.sweepExpired()).isEqualTo(500);
        assertThat(query(ds, "SELECT reserved FROM orchestration_budget")).isZero();
        assertThat(query(ds, "SELECT committed FROM orchestration_budget")).as("settled on expiry at its amount").isEqualTo(950);
        assertThat(query(ds, "SELECT COUNT(*) FROM orchestration_budget_reservation")).isZero();
        ledger.commit(abandoned, 100);
        ledger.flush();
        assertThat(query(ds, "SELECT committed FROM orchestration_budget")).as("a late commit replaces the amount booked on expiry").isEqualTo(550);
        assertThat(query(ds, "SELECT reserved FROM orchestration_budget")).as("and gives nothing back twice").isZero();
    }

    @Test
    void aSettlementWrittenWhoseAnswerWasLostIsBookedOnceWhenRetried() throws Exception {
        LostAnswers lossy = new LostAnswers(h2());
        DataSource ds = lossy.dataSource();
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(ds, Duration.ofMinutes(10), Duration.ofMillis(20),
                Duration.ofSeconds(5))) {
            Reservation a = ledger.reserve(SCOPE, 500, 10_000);
            Reservation b = ledger.reserve(SCOPE, 500, 10_000);
            Reservation c = ledger.reserve(SCOPE, 500, 10_000);
            lossy.toLose.set(1);
            ledger.commit(a, 120);
            ledger.commit(b, 80);
            ledger.release(c);
            LostAnswers.flushUntilWritten(ledger);
            assertThat(lossy.lost).hasValue(1);
            assertThat(query(ds, "SELECT committed FROM orchestration_budget")).as("written twice, booked once").isEqualTo(200);
            assertThat(query(ds, "SELECT reserved FROM orchestration_budget")).isZero();
            assertThat(query(ds, "SELECT COUNT(*) FROM orchestration_budget_reservation")).isZero();
        }
    }

    /**
     * The commit of a reservation's transaction reaches the store and its answer is lost: the hold is given back under
     * its id when the store answers again, not settled on expiry at its amount on top of the step's spend.
     */
    @Test
    void aReservationWhoseCommitsAnswerWasLostIsGivenBack() throws Exception {
        LostAnswers lossy = new LostAnswers(h2());
        DataSource ds = lossy.dataSource();
        Duration ttl = Duration.ofMillis(300);
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(ds, ttl, Duration.ofMillis(20), Duration.ofSeconds(5))) {
            assertThat(ledger.reserve(SCOPE, 1, 10_000)).as("the account and tables exist").isNotNull();
            lossy.reservationsToLose.set(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.reserve(SCOPE, 28, 10_000))
                    .isInstanceOf(io.camelorchestration.budget.BudgetStoreException.class);
            assertThat(lossy.lost).hasValue(1);
            lossy.down.set(false);
            assertThat(query(ds, "SELECT reserved FROM orchestration_budget")).as("the store took it").isEqualTo(29);
            LostAnswers.flushUntilWritten(ledger);
            assertThat(query(ds, "SELECT reserved FROM orchestration_budget")).as("given back").isEqualTo(1);
            Thread.sleep(ttl.toMillis() + 200);
            ledger.sweepExpired();
            assertThat(query(ds, "SELECT committed FROM orchestration_budget"))
                    .as("only the hold that was really abandoned is settled on expiry").isEqualTo(1);
            assertThat(query(ds, "SELECT reserved FROM orchestration_budget")).isZero();
            assertThat(query(ds, "SELECT COUNT(*) FROM orchestration_budget_reservation")).isZero();
        }
    }

    /**
     * The caller gives up on a reservation whose commit the store takes only later (held back here; in production a
     * connection cut between the client and a server that still gets the commit): the give-back is written first.
     * It waits for the reservation's row instead of passing it by, and gives the hold back once the store committed
     * it; nothing is settled on expiry on top of the step's real spend.
     */
    @Test
    void aReservationWhoseCommitTheStoreTakesOnlyAfterItsGiveBackIsGivenBack() throws Exception {
        DataSource h2 = h2();
        CallerGivesUp giveUp = new CallerGivesUp(h2, Duration.ofMillis(300));
        DataSource ds = giveUp.dataSource();
        Duration ttl = Duration.ofMillis(500);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(ds, ttl, Duration.ofMillis(20), Duration.ofSeconds(5))) {
            ledger.release(ledger.reserve(SCOPE, 1, 10_000)); // the account and tables exist
            ledger.flush();
            giveUp.armed.set(true);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.reserve(SCOPE, 28, 10_000))
                    .isInstanceOf(io.camelorchestration.budget.BudgetStoreException.class);
            Future<?> giveBack = writer.submit(() -> {
                LostAnswers.flushUntilWritten(ledger);
                return null;
            });
            // the give-back is written, or waits for the row of the reservation not committed yet
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!giveBack.isDone() && query(h2, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                    + " WHERE SESSION_ID <> SESSION_ID() AND EXECUTING_STATEMENT LIKE 'INSERT INTO orchestration_budget_reservation%'") == 0) {
                assertThat(System.nanoTime()).as("the give-back is written or waits").isLessThan(deadline);
                Thread.sleep(10);
            }
            giveUp.commitLate(); // the store takes the reservation now, after the give-back
            giveBack.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(query(h2, "SELECT reserved FROM orchestration_budget")).as("the late hold is given back").isZero();

            // the step ran unbooked: its real spend comes from the journal
            ledger.book(List.of(new io.camelorchestration.budget.BudgetLedger.Booking("pending-late.0", SCOPE, 20)));
            Thread.sleep(ttl.toMillis() + 200);
            ledger.sweepExpired();
            assertThat(query(h2, "SELECT committed FROM orchestration_budget")).as("the spend, not the spend plus the estimate")
                    .isEqualTo(20);
            assertThat(query(h2, "SELECT reserved FROM orchestration_budget")).isZero();
            assertThat(query(h2, "SELECT COUNT(*) FROM orchestration_budget_reservation")).isZero();
            assertThat(ledger.holdsSettledOnExpiry()).isZero();
        } finally {
            writer.shutdownNow();
        }
    }

    /**
     * A database made by a release before tombstones: the ledger adds their column, the holds there stay holds (one
     * expired here, settled on expiry at its amount), and a reservation in doubt the store never took leaves a
     * tombstone that the sweep removes after the TTL, settling nothing.
     */
    @Test
    void aReservationsTableMadeBeforeTombstonesGetsTheirColumn() throws Exception {
        DataSource h2 = h2();
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orchestration_budget (rule_id VARCHAR(300) NOT NULL, budget_key VARCHAR(128) NOT NULL,"
                    + " window_start TIMESTAMP WITH TIME ZONE NOT NULL, committed BIGINT NOT NULL DEFAULT 0,"
                    + " reserved BIGINT NOT NULL DEFAULT 0, updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (rule_id, budget_key, window_start))");
            s.execute("CREATE TABLE orchestration_budget_reservation (id VARCHAR(36) NOT NULL PRIMARY KEY,"
                    + " rule_id VARCHAR(300) NOT NULL, budget_key VARCHAR(128) NOT NULL,"
                    + " window_start TIMESTAMP WITH TIME ZONE NOT NULL, amount BIGINT NOT NULL,"
                    + " expires_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            s.execute("INSERT INTO orchestration_budget (rule_id, budget_key, window_start, committed, reserved)"
                    + " VALUES ('acme-*|tokens|day', 'acme-eu', TIMESTAMP WITH TIME ZONE '2026-11-24 00:00:00+00', 0, 500)");
            s.execute("INSERT INTO orchestration_budget_reservation VALUES ('old-release-hold', 'acme-*|tokens|day', 'acme-eu',"
                    + " TIMESTAMP WITH TIME ZONE '2026-11-24 00:00:00+00', 500, TIMESTAMP WITH TIME ZONE '2026-11-24 00:10:00+00')");
        }
        CallerGivesUp giveUp = new CallerGivesUp(h2, Duration.ofMillis(300));
        Duration ttl = Duration.ofMillis(300);
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(giveUp.dataSource(), ttl, Duration.ofMillis(20), Duration.ofSeconds(5))) {
            assertThat(ledger.sweepExpired()).as("the old release's hold, settled on expiry").isEqualTo(500);
            assertThat(query(h2, "SELECT committed FROM orchestration_budget")).isEqualTo(500);
            assertThat(query(h2, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'ORCHESTRATION_BUDGET_RESERVATION'"
                    + " AND COLUMN_NAME = 'GIVEN_BACK'")).isOne();

            giveUp.armed.set(true);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.reserve(SCOPE, 28, 10_000))
                    .isInstanceOf(io.camelorchestration.budget.BudgetStoreException.class);
            giveUp.rollbackLate(); // the commit never reached the store
            LostAnswers.flushUntilWritten(ledger);
            assertThat(query(h2, "SELECT COUNT(*) FROM orchestration_budget_reservation WHERE given_back = 1"))
                    .as("the give-back's tombstone").isOne();
            assertThat(query(h2, "SELECT reserved FROM orchestration_budget")).isZero();
            Thread.sleep(ttl.toMillis() + 200);
            assertThat(ledger.sweepExpired()).as("a tombstone settles nothing").isZero();
            assertThat(query(h2, "SELECT COUNT(*) FROM orchestration_budget_reservation")).isZero();
            assertThat(query(h2, "SELECT committed FROM orchestration_budget")).isEqualTo(500);
            assertThat(ledger.holdsSettledOnExpiry()).isOne();
        }
        try (JdbcBudgetLedger again = new JdbcBudgetLedger(h2)) {
            again.createSchema(); // the column is there: nothing to add
            assertThat(again.reserve(SCOPE, 100, 10_000)).isNotNull();
        }
    }

    @Test
    void concurrentReservationsNeverPassTheLimit() throws Exception {
        DataSource ds = h2();
        JdbcBudgetLedger ledger = new JdbcBudgetLedger(ds);
        long limit = 2_000;
        AtomicLong granted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        Reservation r = ledger.reserve(SCOPE, 23, limit);
                        if (r != null) {
                            granted.addAndGet(23);
                            ledger.commit(r, 23);
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
        ledger.flush();
        assertThat(query(ds, "SELECT committed FROM orchestration_budget")).isEqualTo(granted.get())
                .isLessThanOrEqualTo(limit).isGreaterThan(limit - 23);
        assertThat(query(ds, "SELECT reserved FROM orchestration_budget")).isZero();
    }

    @Test
    void theAuditTrailWritesEveryEvent() throws Exception {
        DataSource ds = h2();
        JdbcAuditSink sink = new JdbcAuditSink(ds, 1000, 50, Duration.ofSeconds(1), Duration.ofSeconds(10));
        sink.start();
        for (int i = 0; i < 120; i++) {
            sink.publish(new AuditEvent(Instant.now(), AuditAction.ORCHESTRATION_STEP_EXECUTED, "workflow_step", "reply",
                    "ex-" + i, "route", "user", "info", Map.of("tokensUsed", i)));
        }
        sink.close();
        assertThat(sink.written()).isEqualTo(120);
        assertThat(query(ds, "SELECT COUNT(DISTINCT execution_id) FROM audit_trail")).isEqualTo(120);
    }
}
