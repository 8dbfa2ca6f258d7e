package io.camelorchestration.budget.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.budget.Reservation;
import io.camelorchestration.component.JdbcTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The ledger against a real PostgreSQL: what a reservation, a commit, a release and an expiry do to the rows.
 */
class JdbcBudgetLedgerTest {

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    private static BudgetScope scope(String key) {
        return new BudgetScope("t-*|tokens|day", key, Instant.parse("2026-11-24T00:00:00Z"));
    }

    private static long committed(String key) throws Exception {
        return db.queryLong("SELECT COALESCE(SUM(committed), 0) FROM orchestration_budget WHERE budget_key = '" + key + "'");
    }

    private static long reserved(String key) throws Exception {
        return db.queryLong("SELECT COALESCE(SUM(reserved), 0) FROM orchestration_budget WHERE budget_key = '" + key + "'");
    }

    private static long openReservations(String key) throws Exception {
        return db.queryLong("SELECT COUNT(*) FROM orchestration_budget_reservation WHERE budget_key = '" + key + "'");
    }

    @Test
    void reserveCommitAndReleaseMoveTheAmountsInTheTables() throws Exception {
        JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource());
        Reservation a = ledger.reserve(scope("t-basic"), 600, 1000);
        Reservation b = ledger.reserve(scope("t-basic"), 300, 1000);
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        assertThat(ledger.reserve(scope("t-basic"), 200, 1000)).as("900 held + 200 > 1000").isNull();
        assertThat(reserved("t-basic")).isEqualTo(900);
        assertThat(openReservations("t-basic")).isEqualTo(2);

        ledger.commit(a, 450);
        ledger.release(b);
        // settlements are written behind the step; flush() writes them now
        ledger.flush();
        assertThat(committed("t-basic")).isEqualTo(450);
        assertThat(reserved("t-basic")).isZero();
        assertThat(openReservations("t-basic")).isZero();
        assertThat(ledger.spent(scope("t-basic"))).isEqualTo(450);
        assertThat(ledger.reserve(scope("t-basic"), 551, 1000)).isNull();
        assertThat(ledger.reserve(scope("t-basic"), 550, 1000)).isNotNull();
    }

    @Test
    void oneBatchSettlesManyAccountsEachWithItsOwnAmounts() throws Exception {
        JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource());
        List<Reservation> held = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 6; k++) {
                held.add(ledger.reserve(scope("t-many-" + k), 100, 10_000));
            }
        }
        for (Reservation r : held) {
            // account k spends k tokens per step, account 5 gives its reservations back
            if (r.scope().key().endsWith("5")) {
                ledger.release(r);
            } else {
                ledger.commit(r, Long.parseLong(r.scope().key().substring("t-many-".length())));
            }
        }
        ledger.close();
        for (int k = 0; k < 6; k++) {
            assertThat(committed("t-many-" + k)).as("account " + k).isEqualTo(k == 5 ? 0 : 3L * k);
            assertThat(reserved("t-many-" + k)).as("account " + k).isZero();
            assertThat(openReservations("t-many-" + k)).isZero();
        }
        assertThat(ledger.settlementsWaiting()).isZero();
    }

    @Test
    void aSettlementWrittenWhoseAnswerWasLostIsBookedOnceWhenRetried() throws Exception {
        LostAnswers lossy = new LostAnswers(db.dataSource());
        // one account alone, then three in one batch: the two statements a batch can take
        for (List<String> accounts : List.of(List.of("t-lost-1"), List.of("t-lost-2", "t-lost-3", "t-lost-4"))) {
            try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(lossy.dataSource(), Duration.ofMinutes(10),
                    Duration.ofMillis(20), Duration.ofSeconds(5))) {
                List<Reservation> held = new ArrayList<>();
                for (String key : accounts) {
                    for (int i = 0; i < 3; i++) {
                        held.add(ledger.reserve(scope(key), 500, 10_000));
                    }
                }
                lossy.toLose.set(1);
                for (int i = 0; i < held.size(); i++) {
                    if (i % 3 == 2) {
                        ledger.release(held.get(i));
                    } else {
                        ledger.commit(held.get(i), i % 3 == 0 ? 120 : 80);
                    }
                }
                LostAnswers.flushUntilWritten(ledger);
                for (String key : accounts) {
                    assertThat(committed(key)).as(key + ": written twice, booked once").isEqualTo(200);
                    assertThat(reserved(key)).as(key).isZero();
                    assertThat(openReservations(key)).as(key).isZero();
                }
            }
        }
        assertThat(lossy.lost).as("each round lost one answer").hasValue(2);
    }

    /**
     * The store takes a reservation and its answer is lost (the connection breaks between commit and reply, as when
     * PostgreSQL shuts down mid-call): the caller sees a failure, so its step runs unbooked and its real spend is
     * booked from the pending-settlement journal under an id of its own. The hold the store did take is given back
     * under its id as soon as the store answers again; it is never settled on expiry at its estimate on top of the
     * spend (20 tokens booked, not 20 + 28).
     */
    @Test
    void aReservationWhoseAnswerWasLostIsGivenBackNotSettledOnExpiry() throws Exception {
        LostAnswers lossy = new LostAnswers(db.dataSource());
        Duration ttl = Duration.ofMillis(300);
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(lossy.dataSource(), ttl, Duration.ofMillis(20),
                Duration.ofSeconds(5))) {
            lossy.reservationsToLose.set(1);
            assertThatThrownBy(() -> ledger.reserve(scope("t-lost-hold"), 28, 10_000))
                    .isInstanceOf(BudgetStoreException.class);
            assertThat(lossy.lost).as("the store took the reservation, the caller heard of a failure").hasValue(1);
            assertThat(openReservations("t-lost-hold")).as("the hold is in the store").isEqualTo(1);
            assertThat(reserved("t-lost-hold")).isEqualTo(28);
            lossy.down.set(false); // the store is back
            // the step ran unbooked: its real spend comes from the journal, under the journal's id
            List<BudgetLedger.Booking> spend = List.of(new BudgetLedger.Booking("pending-1.0", scope("t-lost-hold"), 20));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    ledger.book(spend); // as PendingSettlements does: retried while the ledger counts the store as down
                    break;
                } catch (BudgetStoreException markedDownForNow) {
                    if (System.nanoTime() > deadline) {
                        throw markedDownForNow;
                    }
                    Thread.sleep(25);
                }
            }
            LostAnswers.flushUntilWritten(ledger);
            assertThat(reserved("t-lost-hold")).as("the hold in doubt is given back").isZero();
            assertThat(openReservations("t-lost-hold")).isZero();
            Thread.sleep(ttl.toMillis() + 200); // whatever would have expired has
            ledger.sweepExpired();
            assertThat(committed("t-lost-hold")).as("the spend, not the spend plus the estimate").isEqualTo(20);
            assertThat(reserved("t-lost-hold")).isZero();
            assertThat(openReservations("t-lost-hold")).isZero();
            assertThat(ledger.holdsSettledOnExpiry()).isZero();
            assertThat(ledger.reservationsInDoubt()).isEqualTo(1);
        }
    }

    /**
     * The caller stops waiting for a reservation the store is still running (here it waits behind another
     * transaction's lock on the account; in production a socket timeout or a connection cut the server does not
     * notice), so the step runs unbooked and the reservation in doubt is given back. The give-back is written before
     * the store gets to the reservation: the store then takes nothing, because the give-back left its id behind as
     * given back, and after the TTL the sweep removes that mark without booking anything. All that is booked is the
     * step's real spend from the journal (20 tokens, not 20 + 28 settled on expiry).
     */
    @Test
    void aReservationTheStoreTakesOnlyAfterItsGiveBackWasWrittenTakesNothing() throws Exception {
        lateReservation("t-late-hold", false);
    }

    /**
     * The same, and the give-back's answer is lost too: the give-back is written again, and leaves the mark where
     * the first write put it.
     */
    @Test
    void aLateReservationTakesNothingAlsoWhenItsGiveBackIsWrittenTwice() throws Exception {
        lateReservation("t-late-hold-twice", true);
    }

    private static void lateReservation(String key, boolean loseGiveBacksAnswer) throws Exception {
        LostAnswers lossy = new LostAnswers(db.dataSource());
        lossy.tombstonesToLose.set(loseGiveBacksAnswer ? 1 : 0);
        CallerGivesUp giveUp = new CallerGivesUp(lossy.dataSource(), Duration.ofMillis(300));
        Duration ttl = Duration.ofMillis(500);
        BudgetScope scope = scope(key);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(giveUp.dataSource(), ttl, Duration.ofMillis(20),
                Duration.ofSeconds(5))) {
            ledger.release(ledger.reserve(scope, 1, 10_000)); // the account exists
            ledger.flush();
            Future<?> giveBack;
            try (Connection other = db.dataSource().getConnection()) {
                other.setAutoCommit(false);
                try (Statement st = other.createStatement()) {
                    st.executeQuery("SELECT committed FROM orchestration_budget WHERE budget_key = '" + key + "' FOR UPDATE")
                            .close();
                }
                giveUp.armed.set(true);
                assertThatThrownBy(() -> ledger.reserve(scope, 28, 10_000)).isInstanceOf(BudgetStoreException.class);
                assertThat(giveUp.late()).as("the store still runs the reservation").isNotDone();
                awaitLockWaiters(1); // the reservation waits for the account's row
                giveBack = writer.submit(() -> {
                    LostAnswers.flushUntilWritten(ledger);
                    return null;
                });
                // the give-back is written, or waits for the account's row too, behind the reservation
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!giveBack.isDone() && lockWaiters() < 2) {
                    assertThat(System.nanoTime()).as("the give-back is written or waits").isLessThan(deadline);
                    Thread.sleep(10);
                }
                other.commit(); // the store gets to the reservation now, after the give-back
            }
            giveBack.get(30, TimeUnit.SECONDS);
            Throwable late = catchThrowable(() -> giveUp.late().get(30, TimeUnit.SECONDS));
            assertThat(reserved(key)).as("the late reservation took nothing").isZero();
            assertThat(late).as("the late reservation fails on the id given back").isInstanceOf(ExecutionException.class);
            assertThat(((SQLException) late.getCause()).getSQLState()).as("unique violation").isEqualTo("23505");
            assertThat(lossy.lost).as("the give-back's answer lost").hasValue(loseGiveBacksAnswer ? 1 : 0);

            // the step ran unbooked: its real spend comes from the journal, under the journal's id
            bookRetried(ledger, List.of(new BudgetLedger.Booking("pending-" + key + ".0", scope, 20)));
            Thread.sleep(ttl.toMillis() + 200); // whatever would have expired has
            ledger.sweepExpired();
            assertThat(committed(key)).as("the spend, not the spend plus the estimate").isEqualTo(20);
            assertThat(reserved(key)).isZero();
            assertThat(openReservations(key)).as("no hold, and the give-back's mark swept").isZero();
            assertThat(ledger.holdsSettledOnExpiry()).as("nothing settled on expiry").isZero();
            assertThat(db.queryLong("SELECT COUNT(*) FROM orchestration_budget_settlement WHERE budget_key = '" + key
                    + "' AND kind <> 'unreserved'")).isZero();
        } finally {
            writer.shutdownNow();
        }
    }

    /**
     * A database made by a release before tombstones (a schema of its own here): the ledger adds their column, the
     * hold there is still a hold, settled on expiry at its amount, and the ledger reserves and settles as before.
     */
    @Test
    void aReservationsTableMadeBeforeTombstonesGetsTheirColumn() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA old_release");
            st.execute("CREATE TABLE old_release.orchestration_budget (rule_id VARCHAR(300) NOT NULL,"
                    + " budget_key VARCHAR(128) NOT NULL, window_start TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " committed BIGINT NOT NULL DEFAULT 0, reserved BIGINT NOT NULL DEFAULT 0,"
                    + " updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (rule_id, budget_key, window_start))");
            st.execute("CREATE TABLE old_release.orchestration_budget_reservation (id VARCHAR(36) NOT NULL PRIMARY KEY,"
                    + " rule_id VARCHAR(300) NOT NULL, budget_key VARCHAR(128) NOT NULL,"
                    + " window_start TIMESTAMP WITH TIME ZONE NOT NULL, amount BIGINT NOT NULL,"
                    + " expires_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            st.execute("INSERT INTO old_release.orchestration_budget (rule_id, budget_key, window_start, committed, reserved)"
                    + " VALUES ('t-*|tokens|day', 't-old', '2026-11-24T00:00:00Z', 0, 500)");
            st.execute("INSERT INTO old_release.orchestration_budget_reservation VALUES ('old-release-hold', 't-*|tokens|day',"
                    + " 't-old', '2026-11-24T00:00:00Z', 500, CURRENT_TIMESTAMP - INTERVAL '1 second')");
        }
        DataSource old = inSchema(db.dataSource(), "old_release");
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(old, Duration.ofMinutes(10))) {
            assertThat(ledger.sweepExpired()).as("the old release's hold, settled on expiry").isEqualTo(500);
            assertThat(db.queryLong("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'old_release'"
                    + " AND table_name = 'orchestration_budget_reservation' AND column_name = 'given_back'")).isOne();
            Reservation r = ledger.reserve(scope("t-old"), 300, 1000);
            assertThat(r).isNotNull();
            assertThat(ledger.reserve(scope("t-old"), 300, 1000)).as("500 booked + 300 held + 300 > 1000").isNull();
            ledger.commit(r, 120);
            ledger.flush();
            assertThat(db.queryLong("SELECT committed FROM old_release.orchestration_budget")).isEqualTo(620);
            assertThat(db.queryLong("SELECT reserved FROM old_release.orchestration_budget")).isZero();
            assertThat(db.queryLong("SELECT COUNT(*) FROM old_release.orchestration_budget_reservation")).isZero();
        }
        try (JdbcBudgetLedger again = new JdbcBudgetLedger(old)) {
            again.createSchema(); // the column is there: nothing to add
        }
    }

    /** Connections whose tables are those of one schema. */
    private static DataSource inSchema(DataSource ds, String schema) {
        return (DataSource) Proxy.newProxyInstance(JdbcBudgetLedgerTest.class.getClassLoader(),
                new Class<?>[] { DataSource.class }, (p, m, args) -> {
                    Object r;
                    try {
                        r = m.invoke(ds, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (r instanceof Connection c) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SET search_path TO " + schema);
                        }
                    }
                    return r;
                });
    }

    private static long lockWaiters() throws Exception {
        return db.queryLong("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
    }

    private static void awaitLockWaiters(long n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lockWaiters() < n) {
            assertThat(System.nanoTime()).as(n + " statements wait for a lock").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** As PendingSettlements does: retried while the ledger counts the store as down. */
    private static void bookRetried(JdbcBudgetLedger ledger, List<BudgetLedger.Booking> spend) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                ledger.book(spend);
                return;
            } catch (BudgetStoreException markedDownForNow) {
                if (System.nanoTime() > deadline) {
                    throw markedDownForNow;
                }
                Thread.sleep(25);
            }
        }
    }

    /** A sweep that settled the hold in doubt on expiry before the give-back was written: corrected to nothing. */
    @Test
    void aReservationWhoseAnswerWasLostAndThatExpiredIsCorrectedToNothing() throws Exception {
        LostAnswers lossy = new LostAnswers(db.dataSource());
        Duration ttl = Duration.ofMillis(200);
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(lossy.dataSource(), ttl, Duration.ofMillis(20),
                Duration.ofSeconds(5)); JdbcBudgetLedger other = new JdbcBudgetLedger(db.dataSource(), ttl)) {
            lossy.reservationsToLose.set(1);
            assertThatThrownBy(() -> ledger.reserve(scope("t-lost-expired"), 28, 10_000))
                    .isInstanceOf(BudgetStoreException.class);
            Thread.sleep(ttl.toMillis() + 200);
            // while this instance cannot reach the store, another instance's sweep gets there: booked at its amount
            assertThat(other.sweepExpired()).isEqualTo(28);
            assertThat(committed("t-lost-expired")).isEqualTo(28);
            lossy.down.set(false);
            LostAnswers.flushUntilWritten(ledger);
            assertThat(committed("t-lost-expired")).as("the give-back replaces what the sweep booked").isZero();
            assertThat(reserved("t-lost-expired")).isZero();
            assertThat(openReservations("t-lost-expired")).isZero();
        }
    }

    @Test
    void aSettlementThatMeetsASweepHalfwayReplacesTheAmountTheSweepBooked() throws Exception {
        // one account alone, then three in one batch: the two statements a batch can take
        for (List<String> accounts : List.of(List.of("t-race-1"), List.of("t-race-2", "t-race-3", "t-race-4"))) {
            try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource(), Duration.ofMinutes(10))) {
                List<Reservation> held = new ArrayList<>();
                for (String key : accounts) {
                    held.add(ledger.reserve(scope(key), 700, 1000));
                }
                ExecutorService flusher = Executors.newSingleThreadExecutor();
                try (Connection sweep = db.dataSource().getConnection()) {
                    // another instance's sweep takes the holds as expired and books them at their amount, and has
                    // not committed yet when this instance's batch of real settlements starts
                    sweep.setAutoCommit(false);
                    for (Reservation r : held) {
                        sweepOne(sweep, r.id());
                    }
                    for (Reservation r : held) {
                        ledger.commit(r, 100);
                    }
                    Future<?> flush = flusher.submit(() -> {
                        ledger.flush();
                        return null;
                    });
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (db.queryLong("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 0) {
                        assertThat(System.nanoTime()).as("the batch waits for the sweep's locks").isLessThan(deadline);
                        Thread.sleep(10);
                    }
                    sweep.commit();
                    flush.get();
                } finally {
                    flusher.shutdownNow();
                }
                for (String key : accounts) {
                    assertThat(committed(key)).as(key + ": the real spend, not the amount booked on expiry").isEqualTo(100);
                    assertThat(reserved(key)).as(key).isZero();
                }
                for (Reservation r : held) {
                    assertThat(db.queryLong("SELECT COUNT(*) FROM orchestration_budget_settlement WHERE id = '" + r.id()
                            + "' AND kind = 'corrected'")).isOne();
                }
            }
        }
    }

    /** What the ledger's sweep does to one expired hold, in the caller's transaction. */
    private static void sweepOne(Connection c, String id) throws Exception {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO " + JdbcBudgetLedger.SETTLEMENTS
                    + " (id, rule_id, budget_key, window_start, amount, kind) SELECT id, rule_id, budget_key, window_start,"
                    + " amount, 'expired' FROM " + JdbcBudgetLedger.RESERVATIONS + " WHERE id = '" + id + "'");
            st.executeUpdate("UPDATE " + JdbcBudgetLedger.ACCOUNTS + " b SET reserved = b.reserved - r.amount,"
                    + " committed = b.committed + r.amount FROM " + JdbcBudgetLedger.RESERVATIONS + " r WHERE r.id = '" + id
                    + "' AND b.rule_id = r.rule_id AND b.budget_key = r.budget_key AND b.window_start = r.window_start");
            st.executeUpdate("DELETE FROM " + JdbcBudgetLedger.RESERVATIONS + " WHERE id = '" + id + "'");
        }
    }

    @Test
    void aFirstReservationLargerThanTheLimitIsRefused() throws Exception {
        JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource());
        assertThat(ledger.reserve(scope("t-first"), 1001, 1000)).isNull();
        assertThat(ledger.spent(scope("t-first"))).isZero();
    }

    @Test
    void reservationsOfACrashedInstanceAreSettledOnExpiryAtTheirAmountAndALateSettlementCorrectsThem() throws Exception {
        JdbcBudgetLedger crashed = new JdbcBudgetLedger(db.dataSource(), Duration.ofMillis(300));
        Reservation lost = crashed.reserve(scope("t-crash"), 700, 1000);
        assertThat(lost).isNotNull();
        // the instance dies here: nobody commits or releases

        JdbcBudgetLedger survivor = new JdbcBudgetLedger(db.dataSource(), Duration.ofMinutes(10));
        long[] heard = new long[2];
        survivor.expiryListener((holds, amount) -> {
            heard[0] += holds;
            heard[1] += amount;
        });
        assertThat(survivor.reserve(scope("t-crash"), 400, 1000)).as("still held by the dead instance").isNull();
        Thread.sleep(400);
        assertThat(survivor.sweepExpired()).isGreaterThanOrEqualTo(700);
        assertThat(reserved("t-crash")).isZero();
        assertThat(openReservations("t-crash")).isZero();
        // what the dead instance could have spent is booked, not given back to be spent again
        assertThat(committed("t-crash")).isEqualTo(700);
        assertThat(db.queryLong("SELECT COUNT(*) FROM orchestration_budget_settlement WHERE id = '" + lost.id()
                + "' AND kind = 'expired' AND amount = 700")).as("flagged as settled on expiry").isOne();
        assertThat(heard[0]).isGreaterThanOrEqualTo(1);
        assertThat(survivor.holdsSettledOnExpiry()).isGreaterThanOrEqualTo(1);
        assertThat(survivor.reserve(scope("t-crash"), 400, 1000)).as("the cap holds").isNull();
        Reservation r = survivor.reserve(scope("t-crash"), 300, 1000);
        assertThat(r).isNotNull();

        // the real settlement arrives late: it replaces the amount booked on expiry instead of adding to it
        crashed.commit(lost, 100);
        crashed.flush();
        assertThat(committed("t-crash")).isEqualTo(100);
        assertThat(reserved("t-crash")).isEqualTo(300);
        assertThat(db.queryLong("SELECT COUNT(*) FROM orchestration_budget_settlement WHERE id = '" + lost.id()
                + "' AND kind = 'corrected'")).isOne();
    }

    @Test
    void concurrentReservationsNeverPassTheLimit() throws Exception {
        JdbcBudgetLedger one = new JdbcBudgetLedger(db.dataSource());
        JdbcBudgetLedger two = new JdbcBudgetLedger(db.dataSource());
        long limit = 5_000;
        AtomicLong granted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                JdbcBudgetLedger ledger = t % 2 == 0 ? one : two;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        Reservation r = ledger.reserve(scope("t-race"), 37, limit);
                        if (r != null) {
                            granted.addAndGet(37);
                            ledger.commit(r, 37);
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
        one.flush();
        two.flush();
        assertThat(16 * 40 * 37L).as("demand").isGreaterThan(limit);
        assertThat(committed("t-race")).isEqualTo(granted.get()).isLessThanOrEqualTo(limit).isGreaterThan(limit - 37);
        assertThat(reserved("t-race")).isZero();
    }

    @Test
    void anUnreachableStoreIsReportedAsSuch() throws Exception {
        JdbcBudgetLedger ledger = new JdbcBudgetLedger(JdbcTestDatabase.unreachable());
        assertThatThrownBy(() -> ledger.reserve(scope("t-down"), 1, 10))
                .isInstanceOf(BudgetStoreException.class)
                .hasMessageContaining("budget store unreachable");
        // the next caller is told at once, without a connection attempt of its own
        assertThatThrownBy(() -> ledger.reserve(scope("t-down"), 1, 10))
                .isInstanceOf(BudgetStoreException.class)
                .hasMessageContaining("marked down");
    }
}
