package io.camelorchestration.budget.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.budget.Reservation;
import io.camelorchestration.budget.internal.WriteBehindSettlements.Settlement;
import io.camelorchestration.budget.internal.WriteBehindSettlements;
import io.camelorchestration.internal.SqlDialect;

/**
 * Cumulative budgets in a database shared by several instances.
 * <p>
 * Two tables: one row per account ({@code orchestration_budget}: committed and reserved per rule, key and window)
 * and one row per open reservation ({@code orchestration_budget_reservation}, with {@code expires_at}; rows with
 * {@code given_back = 1} are tombstones of reservations given back in doubt, holding nothing, see {@link #reserve}). On
 * PostgreSQL every operation is a single SQL statement: a reservation is an upsert whose {@code DO UPDATE} only
 * applies while committed + reserved + amount stays within the limit, chained to the insert of the reservation row;
 * a commit or release deletes the reservation row and moves its amount in the same statement. Row locks of the
 * account serialise concurrent instances, so two of them never both get the last tokens.
 * <p>
 * Commits and releases are written behind the step ({@link WriteBehindSettlements}): a step does not wait a round
 * trip for its bookkeeping, and the settlements of concurrent steps share statements. Until written, a reservation
 * still counts, so a limit is never passed by writing late. {@link #close()} writes what is waiting.
 * <p>
 * A reservation left by an instance that died is given back once it expires: a sweep deletes expired reservation
 * rows and subtracts their amounts in one statement. Once {@link #start() started} (the component starts the ledger
 * it uses) a timer sweeps right away, so a restarted instance does not wait behind its dead predecessor's expired
 * holds, and then every quarter of the TTL (200 ms to a minute) whether or not anyone reserves. A commit
 * that arrives after its reservation expired still books what was spent. Expiry uses the database's clock, so the
 * instances' clocks do not matter.
 * <p>
 * After a failure the store counts as down for {@code retryAfter} (1 s by default): calls in that time fail at
 * once, so exchanges do not each wait for a connection timeout. While marked down, the timer probes the store
 * every {@value #PROBE_EVERY_MS} ms ({@link Connection#isValid}) and clears the mark, and retries the waiting
 * settlements, as soon as it answers. Give the ledger's connection pool a short connection timeout too.
 * <p>
 * Other databases get the same tables and the same guarantees through short transactions (conditional UPDATE, then
 * INSERT of the reservation row); only PostgreSQL gets the single-statement form.
 */
public final class JdbcBudgetLedger implements BudgetLedger, AutoCloseable {

    public static final String ACCOUNTS = "orchestration_budget";
    public static final String RESERVATIONS = "orchestration_budget_reservation";
    /** One row per amount booked without a reservation (a pending settlement): its id is what makes a retry a no-op. */
    public static final String SETTLEMENTS = "orchestration_budget_settlement";
    /** Long enough for a slow LLM call; a reservation still open after this is assumed abandoned. */
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(10);
    /** Settlements kept while the store is down before new ones are dropped (their reservations then expire). */
    public static final int SETTLEMENTS_KEPT = 100_000;
    /** Lock order for a batch touching several accounts, the same in every instance, so two batches never deadlock. */
    private static final Comparator<BudgetScope> ACCOUNT_ORDER = Comparator.comparing(BudgetScope::ruleId)
            .thenComparing(BudgetScope::key).thenComparing(BudgetScope::windowStart);

    private static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS " + ACCOUNTS + " ("
                + "rule_id VARCHAR(300) NOT NULL, budget_key VARCHAR(128) NOT NULL,"
                + " window_start TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " committed BIGINT NOT NULL DEFAULT 0, reserved BIGINT NOT NULL DEFAULT 0,"
                + " updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,"
                + " PRIMARY KEY (rule_id, budget_key, window_start))",
        "CREATE TABLE IF NOT EXISTS " + RESERVATIONS + " ("
                + "id VARCHAR(36) NOT NULL PRIMARY KEY, rule_id VARCHAR(300) NOT NULL, budget_key VARCHAR(128) NOT NULL,"
                + " window_start TIMESTAMP WITH TIME ZONE NOT NULL, amount BIGINT NOT NULL,"
                + " expires_at TIMESTAMP WITH TIME ZONE NOT NULL, given_back SMALLINT DEFAULT 0 NOT NULL)",
        "CREATE INDEX IF NOT EXISTS " + RESERVATIONS + "_expires ON " + RESERVATIONS + " (expires_at)",
        "CREATE TABLE IF NOT EXISTS " + SETTLEMENTS + " ("
                + "id VARCHAR(80) NOT NULL PRIMARY KEY, rule_id VARCHAR(300) NOT NULL, budget_key VARCHAR(128) NOT NULL,"
                + " window_start TIMESTAMP WITH TIME ZONE NOT NULL, amount BIGINT NOT NULL, kind VARCHAR(16) NOT NULL,"
                + " booked_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)"
    };

    // the column tombstones are marked by, added after the first release: a table made before gets it (see
    // createSchema). 1: the give-back of a reservation in doubt found nothing under the id and left this row instead,
    // holding nothing, so that the reservation fails on the primary key should the store take it later; the sweep
    // deletes the row after the TTL and settles nothing for it. 0 (the default, so reservations need not name it): a hold
    private static final String GIVEN_BACK_PROBE = "SELECT given_back FROM " + RESERVATIONS + " WHERE 1 = 0";
    private static final String ADD_GIVEN_BACK = "ALTER TABLE " + RESERVATIONS + " ADD given_back SMALLINT DEFAULT 0 NOT NULL";

    // ---- PostgreSQL: one statement per operation

    // the account's new total comes back with the grant: a soft budget needs no second trip to learn it is over
    private static final String PG_RESERVE = "WITH acct AS ("
            + "INSERT INTO " + ACCOUNTS + " AS b (rule_id, budget_key, window_start, committed, reserved)"
            + " SELECT ?, ?, ?, 0, ? WHERE ? <= ?"
            + " ON CONFLICT (rule_id, budget_key, window_start) DO UPDATE"
            + " SET reserved = b.reserved + EXCLUDED.reserved, updated_at = CURRENT_TIMESTAMP"
            + " WHERE b.committed + b.reserved <= ? - EXCLUDED.reserved"
            + " RETURNING b.rule_id, b.budget_key, b.window_start, b.committed + b.reserved AS total),"
            + " held AS (INSERT INTO " + RESERVATIONS + " (id, rule_id, budget_key, window_start, amount, expires_at)"
            + " SELECT ?, rule_id, budget_key, window_start, ?,"
            + " CURRENT_TIMESTAMP + CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond' FROM acct RETURNING id)"
            + " SELECT acct.total FROM acct, held";

    // how many reservation rows a batch's statement deleted: fewer than its settlements means some holds were
    // settled on expiry, or the batch was written before and only its answer lost (see PG_CORRECT_EXPIRED)
    private static final String DELETED = " RETURNING (SELECT COUNT(*) FROM r)";

    // a whole batch of settlements, over any number of accounts, in one statement. A settlement books what was spent
    // only when this statement deletes its reservation row: a row already gone means a sweep settled the hold on
    // expiry (PG_CORRECT_EXPIRED then replaces the amount booked then), or this settlement was written before and
    // only its answer was lost, so a retried batch books nothing twice. Only the rows deleted here give their amount
    // back. A tombstone (given_back = 1) is never deleted here: only the sweep removes it. The accounts are locked in
    // key order first, the same order in every instance, so two instances' batches never deadlock.
    private static final String PG_SETTLE = "WITH s AS MATERIALIZED (SELECT id, rule_id, budget_key,"
            + " CAST(window_start AS TIMESTAMP WITH TIME ZONE) AS window_start, spent"
            + " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]),"
            + " CAST(? AS BIGINT[])) AS t(id, rule_id, budget_key, window_start, spent)),"
            + " r AS (DELETE FROM " + RESERVATIONS + " WHERE id = ANY(CAST(? AS VARCHAR[])) AND given_back = 0"
            + " RETURNING id, rule_id, budget_key, window_start, amount),"
            + " g AS (SELECT rule_id, budget_key, window_start, SUM(amount) AS amount FROM r"
            + " GROUP BY rule_id, budget_key, window_start),"
            + " sp AS (SELECT rule_id, budget_key, window_start, SUM(spent) AS spent FROM s"
            + " WHERE id IN (SELECT id FROM r) GROUP BY rule_id, budget_key, window_start),"
            + " locked AS MATERIALIZED (SELECT a.rule_id, a.budget_key, a.window_start FROM " + ACCOUNTS + " a"
            + " WHERE EXISTS (SELECT 1 FROM s WHERE a.rule_id = s.rule_id AND a.budget_key = s.budget_key"
            + " AND a.window_start = s.window_start)"
            + " ORDER BY a.rule_id, a.budget_key, a.window_start FOR UPDATE OF a)"
            + " UPDATE " + ACCOUNTS + " b SET reserved = b.reserved - COALESCE(g.amount, 0),"
            + " committed = b.committed + COALESCE(sp.spent, 0), updated_at = CURRENT_TIMESTAMP"
            + " FROM locked"
            + " LEFT JOIN sp ON sp.rule_id = locked.rule_id AND sp.budget_key = locked.budget_key"
            + " AND sp.window_start = locked.window_start"
            + " LEFT JOIN g ON g.rule_id = locked.rule_id AND g.budget_key = locked.budget_key"
            + " AND g.window_start = locked.window_start"
            + " WHERE b.rule_id = locked.rule_id AND b.budget_key = locked.budget_key AND b.window_start = locked.window_start"
            + DELETED;

    // the same for a batch of one account (one caller, or one hot tenant): a plainer statement, cheaper to run
    private static final String PG_SETTLE_ONE = "WITH s AS MATERIALIZED (SELECT id, spent"
            + " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS BIGINT[])) AS t(id, spent)),"
            + " r AS (DELETE FROM " + RESERVATIONS + " WHERE id = ANY(CAST(? AS VARCHAR[])) AND given_back = 0"
            + " RETURNING id, amount)"
            + " UPDATE " + ACCOUNTS + " SET reserved = reserved - COALESCE((SELECT SUM(amount) FROM r), 0),"
            + " committed = committed + COALESCE((SELECT SUM(spent) FROM s WHERE id IN (SELECT id FROM r)), 0),"
            + " updated_at = CURRENT_TIMESTAMP"
            + " WHERE rule_id = ? AND budget_key = ? AND window_start = ?" + DELETED;

    // holds of a batch that a sweep settled on expiry (booked at their reserved amount): the real spend replaces that
    // amount instead of being added to it, and the row says so. A statement of its own, after the batch's: a sweep
    // that deletes a hold while the batch runs commits after the batch's snapshot was taken, so a read of the expired
    // settlements inside the batch's statement would miss the row the sweep just wrote and leave the hold booked at
    // its reserved amount; this statement's snapshot is taken after the sweep committed (the batch's delete waited
    // for it). Run only for batches that deleted fewer rows than they held: the common batch pays nothing.
    // Idempotent like the batch: a corrected row is no longer 'expired'.
    private static final String PG_CORRECT_EXPIRED = "WITH s AS MATERIALIZED (SELECT id, spent"
            + " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS BIGINT[])) AS t(id, spent)),"
            + " o AS MATERIALIZED (SELECT x.id, x.rule_id, x.budget_key, x.window_start, s.spent - x.amount AS delta"
            + " FROM " + SETTLEMENTS + " x JOIN s ON s.id = x.id WHERE x.kind = 'expired'),"
            + " locked AS MATERIALIZED (SELECT a.rule_id, a.budget_key, a.window_start FROM " + ACCOUNTS + " a"
            + " WHERE EXISTS (SELECT 1 FROM o WHERE a.rule_id = o.rule_id AND a.budget_key = o.budget_key"
            + " AND a.window_start = o.window_start)"
            + " ORDER BY a.rule_id, a.budget_key, a.window_start FOR UPDATE OF a),"
            + " fix AS (UPDATE " + SETTLEMENTS + " f SET kind = 'corrected', booked_at = CURRENT_TIMESTAMP FROM o"
            + " WHERE f.id = o.id AND f.kind = 'expired' RETURNING f.id),"
            + " d AS (SELECT o.rule_id, o.budget_key, o.window_start, SUM(o.delta) AS delta FROM o JOIN fix ON fix.id = o.id"
            + " GROUP BY o.rule_id, o.budget_key, o.window_start)"
            + " UPDATE " + ACCOUNTS + " b SET committed = b.committed + d.delta, updated_at = CURRENT_TIMESTAMP"
            + " FROM d JOIN locked ON d.rule_id = locked.rule_id AND d.budget_key = locked.budget_key"
            + " AND d.window_start = locked.window_start"
            + " WHERE b.rule_id = d.rule_id AND b.budget_key = d.budget_key AND b.window_start = d.window_start";

    // an expired hold is settled at its reserved amount (what its step could have spent at most), not given back:
    // its instance may have died after the model answered. Its id goes into the settlement table as 'expired', so a
    // late real settlement corrects the amount instead of booking twice. Expired tombstones are deleted by the same
    // statement and settle nothing: the reservation they stood for was never taken
    private static final String PG_SWEEP = "WITH x AS (DELETE FROM " + RESERVATIONS + " WHERE expires_at < CURRENT_TIMESTAMP"
            + " RETURNING id, rule_id, budget_key, window_start, amount, given_back),"
            + " f AS (INSERT INTO " + SETTLEMENTS + " (id, rule_id, budget_key, window_start, amount, kind)"
            + " SELECT id, rule_id, budget_key, window_start, amount, 'expired' FROM x WHERE given_back = 0"
            + " ON CONFLICT (id) DO NOTHING),"
            + " s AS (SELECT rule_id, budget_key, window_start, SUM(amount) AS amount, COUNT(*) AS n FROM x"
            + " WHERE given_back = 0 GROUP BY rule_id, budget_key, window_start)"
            + " UPDATE " + ACCOUNTS + " b SET reserved = b.reserved - s.amount, committed = b.committed + s.amount,"
            + " updated_at = CURRENT_TIMESTAMP"
            + " FROM s WHERE b.rule_id = s.rule_id AND b.budget_key = s.budget_key AND b.window_start = s.window_start"
            + " RETURNING s.amount, s.n";

    // the give-back of reservations in doubt, before the settlement statement: each id the store holds nothing under
    // gets a tombstone (given_back = 1, amount 0, kept for the TTL), so that a reservation statement the store still
    // runs and commits only now fails on the primary key: on PostgreSQL that aborts the whole statement, the account's
    // update with it, and it takes nothing. An id already there (ON CONFLICT) is a hold the store took, which the
    // settlement statement then gives back, or the tombstone of an earlier attempt whose answer was lost. A
    // reservation that has inserted its row and not committed yet holds the index entry: the insert waits for it and
    // then finds the id taken (or free, if it rolled back). An id with a settlement row was taken and settled on expiry:
    // no reservation can come under it any more, so it gets no tombstone, and the settlement statement corrects the
    // amount booked then to nothing (PG_CORRECT_EXPIRED). The ids marked come back; should a sweep have settled one on
    // expiry just before (its row committed after this statement's snapshot), it is corrected to nothing all the same
    private static final String PG_MARK_GIVEN_BACK = "INSERT INTO " + RESERVATIONS
            + " (id, rule_id, budget_key, window_start, amount, expires_at, given_back)"
            + " SELECT id, rule_id, budget_key, CAST(window_start AS TIMESTAMP WITH TIME ZONE), 0,"
            + " CURRENT_TIMESTAMP + CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond', 1"
            + " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]))"
            + " AS t(id, rule_id, budget_key, window_start)"
            + " WHERE NOT EXISTS (SELECT 1 FROM " + SETTLEMENTS + " x WHERE x.id = t.id) ORDER BY id"
            + " ON CONFLICT (id) DO NOTHING RETURNING id";

    // a batch of pending settlements in one statement: only ids not booked before are added to the accounts, so a
    // batch retried after its answer was lost books nothing twice. Accounts in key order, as everywhere.
    private static final String PG_BOOK = "WITH s AS (SELECT id, rule_id, budget_key,"
            + " CAST(window_start AS TIMESTAMP WITH TIME ZONE) AS window_start, amount"
            + " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]),"
            + " CAST(? AS BIGINT[])) AS t(id, rule_id, budget_key, window_start, amount)),"
            + " ins AS (INSERT INTO " + SETTLEMENTS + " (id, rule_id, budget_key, window_start, amount, kind)"
            + " SELECT id, rule_id, budget_key, window_start, amount, 'unreserved' FROM s"
            + " ON CONFLICT (id) DO NOTHING RETURNING rule_id, budget_key, window_start, amount),"
            + " g AS (SELECT rule_id, budget_key, window_start, SUM(amount) AS amount FROM ins"
            + " GROUP BY rule_id, budget_key, window_start)"
            + " INSERT INTO " + ACCOUNTS + " AS b (rule_id, budget_key, window_start, committed, reserved)"
            + " SELECT rule_id, budget_key, window_start, amount, 0 FROM g ORDER BY rule_id, budget_key, window_start"
            + " ON CONFLICT (rule_id, budget_key, window_start) DO UPDATE"
            + " SET committed = b.committed + EXCLUDED.committed, updated_at = CURRENT_TIMESTAMP";

    // ---- any other database: short transactions

    private static final String RESERVE_UPDATE = "UPDATE " + ACCOUNTS
            + " SET reserved = reserved + ?, updated_at = CURRENT_TIMESTAMP"
            + " WHERE rule_id = ? AND budget_key = ? AND window_start = ? AND committed + reserved <= ? - ?";
    private static final String RESERVE_INSERT_ACCOUNT = "INSERT INTO " + ACCOUNTS
            + " (rule_id, budget_key, window_start, committed, reserved) VALUES (?, ?, ?, 0, ?)";
    private static final String INSERT_RESERVATION = "INSERT INTO " + RESERVATIONS
            + " (id, rule_id, budget_key, window_start, amount, expires_at) VALUES (?, ?, ?, ?, ?, ?)";
    // a hold, never a tombstone: only the sweep deletes those
    private static final String DELETE_RESERVATION = "DELETE FROM " + RESERVATIONS + " WHERE id = ? AND given_back = 0";
    private static final String SETTLE_ACCOUNT = "UPDATE " + ACCOUNTS
            + " SET reserved = reserved - ?, committed = committed + ?, updated_at = CURRENT_TIMESTAMP"
            + " WHERE rule_id = ? AND budget_key = ? AND window_start = ?";
    private static final String EXPIRED = "SELECT id, rule_id, budget_key, window_start, amount, given_back FROM "
            + RESERVATIONS + " WHERE expires_at < ?";
    private static final String DELETE_EXPIRED_TOMBSTONES = "DELETE FROM " + RESERVATIONS
            + " WHERE given_back = 1 AND expires_at < ?";
    private static final String INSERT_TOMBSTONE = "INSERT INTO " + RESERVATIONS
            + " (id, rule_id, budget_key, window_start, amount, expires_at, given_back) VALUES (?, ?, ?, ?, 0, ?, 1)";
    private static final String RESERVATION_KIND = "SELECT given_back FROM " + RESERVATIONS + " WHERE id = ?";

    private static final String INSERT_SETTLEMENT = "INSERT INTO " + SETTLEMENTS
            + " (id, rule_id, budget_key, window_start, amount, kind) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String EXPIRED_SETTLEMENT = "SELECT amount FROM " + SETTLEMENTS + " WHERE id = ? AND kind = 'expired'";
    private static final String CORRECT_SETTLEMENT = "UPDATE " + SETTLEMENTS
            + " SET kind = 'corrected', booked_at = CURRENT_TIMESTAMP WHERE id = ?";
    private static final String SETTLEMENT_EXISTS = "SELECT COUNT(*) FROM " + SETTLEMENTS + " WHERE id = ?";
    private static final String BOOK_ACCOUNT = "UPDATE " + ACCOUNTS
            + " SET committed = committed + ?, updated_at = CURRENT_TIMESTAMP"
            + " WHERE rule_id = ? AND budget_key = ? AND window_start = ?";
    private static final String BOOK_INSERT_ACCOUNT = "INSERT INTO " + ACCOUNTS
            + " (rule_id, budget_key, window_start, committed, reserved) VALUES (?, ?, ?, ?, 0)";

    private static final String SPENT = "SELECT committed + reserved FROM " + ACCOUNTS
            + " WHERE rule_id = ? AND budget_key = ? AND window_start = ?";

    /** How often the timer looks whether a sweep is due or, while the store is marked down, probes it. */
    public static final long PROBE_EVERY_MS = 100;

    private final DataSource dataSource;
    private final Object timerLock = new Object();
    private ScheduledExecutorService timer;
    private boolean closed;
    private final Duration ttl;
    private final long sweepEveryNanos;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());
    private final long retryAfterNanos;
    private final int queryTimeoutSeconds;
    private volatile long downUntil = System.nanoTime();
    private final SqlDialect dialect = new SqlDialect();
    private volatile boolean schemaReady;
    private final WriteBehindSettlements settlements;
    private final AtomicLong holdsSettledOnExpiry = new AtomicLong();
    private final AtomicLong amountSettledOnExpiry = new AtomicLong();
    private final AtomicLong reservationsInDoubt = new AtomicLong();
    private volatile ExpiryListener expiryListener;
    // ids unique over instances (random prefix) and increasing within one, which keeps the primary key's index compact
    private final String idPrefix = String.format("%016x-", ThreadLocalRandom.current().nextLong());
    private final AtomicLong nextId = new AtomicLong();

    public JdbcBudgetLedger(DataSource dataSource) {
        this(dataSource, DEFAULT_RESERVATION_TTL);
    }

    public JdbcBudgetLedger(DataSource dataSource, Duration reservationTtl) {
        this(dataSource, reservationTtl, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    /**
     * @param reservationTtl how long a reservation may stay open before it is assumed abandoned and given back
     * @param retryAfter     after a failure, how long the store counts as down without being asked again
     * @param queryTimeout   longest wait for one statement (a locked or stuck database)
     */
    public JdbcBudgetLedger(DataSource dataSource, Duration reservationTtl, Duration retryAfter, Duration queryTimeout) {
        if (reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new IllegalArgumentException("reservation TTL must be positive: " + reservationTtl);
        }
        this.dataSource = dataSource;
        this.ttl = reservationTtl;
        this.retryAfterNanos = retryAfter.toNanos();
        this.queryTimeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
        this.sweepEveryNanos = Math.max(Duration.ofMillis(200).toNanos(),
                Math.min(reservationTtl.toNanos() / 4, Duration.ofMinutes(1).toNanos()));
        this.settlements = new WriteBehindSettlements(this::write, SETTLEMENTS_KEPT, retryAfterNanos);
    }

    /**
     * Creates the tables when they are missing (the DDL is also in docs/budgets.md), and adds what a later release
     * added to tables made before it (the reservations' {@code given_back} column).
     */
    public void createSchema() {
        try (Connection c = connect()) {
            isPostgres(c);
            for (String ddl : DDL) {
                try (Statement s = statement(c)) {
                    s.execute(ddl);
                } catch (SQLException e) {
                    // another instance created it at the same moment: fine if it is there now
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    try (Statement s2 = statement(c)) {
                        s2.execute(ddl);
                    }
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            addGivenBack(c);
            schemaReady = true;
        } catch (SQLException e) {
            unreachable(e);
            throw new BudgetStoreException("budget store unreachable, cannot create tables " + ACCOUNTS + " and "
                    + RESERVATIONS + ": " + e.getMessage(), e);
        }
    }

    /**
     * A reservations table made before tombstones gets their column, once: every instance asks at start whether the
     * column is there (a query that reads no row); the first to find it missing adds it, with a default, so that
     * the rows there are holds and instances of the release before, which do not name it, still insert holds.
     */
    private void addGivenBack(Connection c) throws SQLException {
        if (executes(c, GIVEN_BACK_PROBE)) {
            return;
        }
        if (!executes(c, ADD_GIVEN_BACK)) {
            // another instance added it at the same moment: fine if it is there now
            try (Statement s = statement(c)) {
                s.execute(GIVEN_BACK_PROBE);
            }
        }
    }

    private boolean executes(Connection c, String sql) throws SQLException {
        try (Statement s = statement(c)) {
            s.execute(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return true;
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return false;
        }
    }

    /**
     * A reservation whose answer is lost can still have been taken: the store committed it, and the connection broke
     * (a network cut, a failover, a server shut down mid-call, a socket timeout) before the caller heard so. The
     * caller sees a failure and goes its own way (the step is refused, or runs unbooked and its spend is booked from
     * the pending-settlement journal under an id of its own), so nobody would ever settle that hold: it would be
     * settled on expiry at its full amount, over-counting the estimate on top of what the step spent. So a
     * reservation in doubt is given back under its id like any release, written behind: when the store answers
     * again, the write deletes the row if the reservation was taken (and gives its amount back), finds nothing if it
     * was not (a no-op, as for a settlement written twice), and corrects the amount to nothing if a sweep settled
     * the hold on expiry meanwhile. Only failures after the statement was sent are in doubt (on PostgreSQL the single
     * auto-commit statement, elsewhere the commit); a connection that was never had, or a transaction that failed
     * before its commit, took nothing.
     * <p>
     * The store may also take the reservation only after the give-back was written: a statement it still runs after
     * the caller gave up (a socket timeout, a connection cut the server does not notice, a statement waiting for a
     * lock). So a give-back that finds nothing under the id leaves a tombstone there, a reservation row marked
     * {@code given_back} that holds nothing: the late reservation's insert fails on the primary key, and takes
     * nothing (on PostgreSQL the unique violation aborts the whole statement, the account's update with it;
     * elsewhere the reservation row is inserted before the commit is sent, so the give-back's insert waits for that
     * commit and finds the hold, which it then gives back). A reservation committing at that very moment holds the
     * id's index entry, and the give-back's insert waits for it. The sweep deletes a tombstone once its TTL is up (it
     * expires one TTL after the give-back, so after the reservation it stands for would have), settling nothing; a
     * tombstone counts nowhere as a hold. Only a reservation the store takes more than a TTL after its give-back (10
     * minutes by default, far past the query timeout) would still be settled on expiry, as a dead instance's hold.
     */
    @Override
    public Reservation reserve(BudgetScope scope, long amount, long limit) {
        ensureSchema();
        sweepIfDue();
        String id = idPrefix + Long.toHexString(nextId.incrementAndGet());
        Sent sent = new Sent();
        try (Connection c = connect()) {
            if (isPostgres(c)) {
                return reservePg(c, scope, amount, limit, id, sent);
            }
            return reserveTx(c, scope, amount, limit, id, sent) ? new Reservation(id, scope, amount) : null;
        } catch (SQLException e) {
            if (sent.committing) {
                // also when only closing failed after the store answered: the caller is told of a failure either way
                giveBackInDoubt(id, scope, amount);
            }
            throw unreachable(e);
        }
    }

    /** Whether a reservation's write was sent: from then on a failure may come after the store committed it. */
    private static final class Sent {
        boolean committing;
    }

    private void giveBackInDoubt(String id, BudgetScope scope, long amount) {
        try {
            settlements.add(new Settlement(id, scope, amount, 0, true));
            reservationsInDoubt.incrementAndGet();
        } catch (BudgetStoreException full) {
            // past the settlements kept: the hold, if it was taken, is settled on expiry
        }
    }

    /** Reservations whose answer was lost, given back under their id (see {@link #reserve}). */
    public long reservationsInDoubt() {
        return reservationsInDoubt.get();
    }

    private Reservation reservePg(Connection c, BudgetScope scope, long amount, long limit, String id, Sent sent)
            throws SQLException {
        c.setAutoCommit(true);
        try (PreparedStatement ps = prepare(c, PG_RESERVE)) {
            bind(ps, scope, 1);
            ps.setLong(4, amount);
            ps.setLong(5, amount);
            ps.setLong(6, limit);
            ps.setLong(7, limit);
            ps.setString(8, id);
            ps.setLong(9, amount);
            ps.setLong(10, ttl.toMillis());
            sent.committing = true; // one auto-commit statement
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Reservation(id, scope, amount, rs.getLong(1)) : null;
            }
        }
    }

    private boolean reserveTx(Connection c, BudgetScope scope, long amount, long limit, String id, Sent sent)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            boolean ok = conditionalAdd(c, scope, amount, limit);
            if (!ok && amount <= limit) {
                try (PreparedStatement ins = prepare(c, RESERVE_INSERT_ACCOUNT)) {
                    bind(ins, scope, 1);
                    ins.setLong(4, amount);
                    ok = ins.executeUpdate() == 1;
                } catch (SQLException duplicate) {
                    // the account exists (another instance made it just now, or it is full): the conditional
                    // update decides, in a fresh transaction
                    c.rollback();
                    ok = conditionalAdd(c, scope, amount, limit);
                }
            }
            if (ok) {
                try (PreparedStatement ins = prepare(c, INSERT_RESERVATION)) {
                    ins.setString(1, id);
                    bind(ins, scope, 2);
                    ins.setLong(5, amount);
                    ins.setObject(6, OffsetDateTime.now(ZoneOffset.UTC).plus(ttl));
                    ins.executeUpdate();
                }
            }
            // before the commit, a failure leaves nothing committed (a broken connection's transaction is rolled back)
            sent.committing = ok;
            c.commit();
            return ok;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException broken) {
                // the connection is gone: the store rolls back what was not committed; a commit sent is in doubt
                e.addSuppressed(broken);
            }
            throw e;
        }
    }

    private boolean conditionalAdd(Connection c, BudgetScope scope, long amount, long limit) throws SQLException {
        try (PreparedStatement up = prepare(c, RESERVE_UPDATE)) {
            up.setLong(1, amount);
            bind(up, scope, 2);
            up.setLong(5, limit);
            up.setLong(6, amount);
            return up.executeUpdate() == 1;
        }
    }

    /** Written behind, in a batch with the settlements of other steps: the step does not wait for the store. */
    @Override
    public void commit(Reservation r, long actualAmount) {
        settlements.add(new Settlement(r.id(), r.scope(), r.amount(), actualAmount));
    }

    @Override
    public void release(Reservation r) {
        settlements.add(new Settlement(r.id(), r.scope(), r.amount(), 0));
    }

    /**
     * Books amounts spent without a reservation, synchronously (the caller is a background thread), each id at most
     * once: the id goes into {@value #SETTLEMENTS} in the same statement (transaction) that adds the amount.
     */
    @Override
    public void book(List<Booking> bookings) {
        if (bookings.isEmpty()) {
            return;
        }
        ensureSchema();
        try (Connection c = connect()) {
            if (isPostgres(c)) {
                bookPg(c, bookings);
            } else {
                bookTx(c, bookings);
            }
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    private void bookPg(Connection c, List<Booking> bookings) throws SQLException {
        c.setAutoCommit(true);
        int n = bookings.size();
        String[] ids = new String[n];
        String[] rules = new String[n];
        String[] keys = new String[n];
        String[] windows = new String[n];
        Long[] amounts = new Long[n];
        for (int i = 0; i < n; i++) {
            Booking b = bookings.get(i);
            ids[i] = b.id();
            rules[i] = b.scope().ruleId();
            keys[i] = b.scope().key();
            windows[i] = b.scope().windowStart().toString();
            amounts[i] = b.amount();
        }
        try (PreparedStatement ps = prepare(c, PG_BOOK)) {
            ps.setArray(1, c.createArrayOf("varchar", ids));
            ps.setArray(2, c.createArrayOf("varchar", rules));
            ps.setArray(3, c.createArrayOf("varchar", keys));
            ps.setArray(4, c.createArrayOf("varchar", windows));
            ps.setArray(5, c.createArrayOf("int8", amounts));
            ps.executeUpdate();
        }
    }

    private void bookTx(Connection c, List<Booking> bookings) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (Booking b : bookings) {
                bookOneTx(c, b.id(), b.scope(), b.amount(), "unreserved");
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** @return false when the id was booked before (nothing added) */
    private boolean bookOneTx(Connection c, String id, BudgetScope scope, long amount, String kind) throws SQLException {
        try (PreparedStatement q = prepare(c, SETTLEMENT_EXISTS)) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false;
                }
            }
        }
        try (PreparedStatement ins = prepare(c, INSERT_SETTLEMENT)) {
            ins.setString(1, id);
            bind(ins, scope, 2);
            ins.setLong(5, amount);
            ins.setString(6, kind);
            ins.executeUpdate();
        }
        int updated;
        try (PreparedStatement up = prepare(c, BOOK_ACCOUNT)) {
            up.setLong(1, amount);
            bind(up, scope, 2);
            updated = up.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ins = prepare(c, BOOK_INSERT_ACCOUNT)) {
                bind(ins, scope, 1);
                ins.setLong(4, amount);
                ins.executeUpdate();
            }
        }
        return true;
    }

    /** Writes the settlements still waiting; when it returns, every commit and release made before is in the store. */
    @Override
    public void flush() {
        settlements.flush();
    }

    /** Settlements made and not yet in the store (waiting for the next batch, or for the store to come back). */
    public int settlementsWaiting() {
        return settlements.waiting();
    }

    /** Writes the settlements still waiting and stops the thread that writes them. */
    @Override
    public void close() {
        synchronized (timerLock) {
            closed = true;
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        settlements.close();
    }

    /**
     * Starts the timer: sweeps expired holds now (at start-up), then whenever a sweep is due, and probes the store
     * while it is marked down. Idempotent; a store that is down at start-up is swept once it answers.
     */
    public void start() {
        synchronized (timerLock) {
            if (timer != null || closed) {
                return;
            }
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "orchestrate-budget-sweeper");
                t.setDaemon(true);
                return t;
            });
            timer.execute(this::sweepQuietly);
            timer.scheduleWithFixedDelay(this::tick, PROBE_EVERY_MS, PROBE_EVERY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the store counts as down (a failure less than {@code retryAfter} ago, no successful probe since). */
    public boolean markedDown() {
        return downUntil - System.nanoTime() > 0;
    }

    private void tick() {
        if (markedDown()) {
            probe();
            return;
        }
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last >= sweepEveryNanos && lastSweep.compareAndSet(last, now)) {
            sweepQuietly();
        }
    }

    private void probe() {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(Math.max(1, queryTimeoutSeconds))) {
                downUntil = System.nanoTime();
                settlements.retryNow();
                if (!schemaReady) {
                    sweepQuietly();
                }
            }
        } catch (SQLException | RuntimeException e) {
            // still down: the next tick asks again
        }
    }

    private void sweepQuietly() {
        try {
            lastSweep.set(System.nanoTime());
            sweepExpired();
        } catch (RuntimeException e) {
            // the store is down (now marked so): the probe notices when it is back
        }
    }

    private void write(List<Settlement> batch) {
        ensureSchema();
        Map<BudgetScope, List<Settlement>> byAccount = new TreeMap<>(ACCOUNT_ORDER);
        for (Settlement s : batch) {
            byAccount.computeIfAbsent(s.scope(), k -> new ArrayList<>()).add(s);
        }
        try (Connection c = connect()) {
            if (isPostgres(c)) {
                writePg(c, byAccount);
            } else {
                writeTx(c, byAccount);
            }
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /** One statement for the whole batch (and one before it when the batch gives back reservations in doubt). */
    private void writePg(Connection c, Map<BudgetScope, List<Settlement>> byAccount) throws SQLException {
        c.setAutoCommit(true);
        List<Settlement> inDoubt = inDoubt(byAccount);
        if (!inDoubt.isEmpty()) {
            byAccount = markGivenBackPg(c, inDoubt, byAccount);
            if (byAccount.isEmpty()) {
                return;
            }
        }
        if (byAccount.size() == 1) {
            writePgOne(c, byAccount.entrySet().iterator().next());
            return;
        }
        List<String> ids = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        List<Long> spent = new ArrayList<>();
        for (Map.Entry<BudgetScope, List<Settlement>> account : byAccount.entrySet()) {
            BudgetScope scope = account.getKey();
            String window = scope.windowStart().toString();
            for (Settlement s : account.getValue()) {
                ids.add(s.id());
                rules.add(scope.ruleId());
                keys.add(scope.key());
                windows.add(window);
                spent.add(s.spent());
            }
        }
        Object[] idArray = ids.toArray();
        try (PreparedStatement ps = prepare(c, PG_SETTLE)) {
            ps.setArray(1, c.createArrayOf("varchar", idArray));
            ps.setArray(2, c.createArrayOf("varchar", rules.toArray()));
            ps.setArray(3, c.createArrayOf("varchar", keys.toArray()));
            ps.setArray(4, c.createArrayOf("varchar", windows.toArray()));
            ps.setArray(5, c.createArrayOf("int8", spent.toArray()));
            ps.setArray(6, c.createArrayOf("varchar", idArray));
            if (deleted(ps) < idArray.length) {
                correctExpired(c, idArray, spent.toArray());
            }
        }
    }

    private static List<Settlement> inDoubt(Map<BudgetScope, List<Settlement>> byAccount) {
        List<Settlement> inDoubt = new ArrayList<>();
        for (List<Settlement> list : byAccount.values()) {
            for (Settlement s : list) {
                if (s.inDoubt()) {
                    inDoubt.add(s);
                }
            }
        }
        return inDoubt;
    }

    /**
     * Leaves a tombstone under each reservation in doubt the store holds nothing under (PG_MARK_GIVEN_BACK) and
     * corrects those a sweep settled on expiry to nothing.
     *
     * @return what is left for the settlement statement: the other settlements, and the give-backs of holds the
     *         store took (or whose tombstone an earlier attempt left)
     */
    private Map<BudgetScope, List<Settlement>> markGivenBackPg(Connection c, List<Settlement> inDoubt,
            Map<BudgetScope, List<Settlement>> byAccount) throws SQLException {
        int n = inDoubt.size();
        String[] ids = new String[n];
        String[] rules = new String[n];
        String[] keys = new String[n];
        String[] windows = new String[n];
        for (int i = 0; i < n; i++) {
            Settlement s = inDoubt.get(i);
            ids[i] = s.id();
            rules[i] = s.scope().ruleId();
            keys[i] = s.scope().key();
            windows[i] = s.scope().windowStart().toString();
        }
        Set<String> marked = new HashSet<>();
        try (PreparedStatement ps = prepare(c, PG_MARK_GIVEN_BACK)) {
            ps.setLong(1, ttl.toMillis());
            ps.setArray(2, c.createArrayOf("varchar", ids));
            ps.setArray(3, c.createArrayOf("varchar", rules));
            ps.setArray(4, c.createArrayOf("varchar", keys));
            ps.setArray(5, c.createArrayOf("varchar", windows));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    marked.add(rs.getString(1));
                }
            }
        }
        if (marked.isEmpty()) {
            return byAccount;
        }
        correctExpired(c, marked.toArray(), Collections.nCopies(marked.size(), 0L).toArray());
        Map<BudgetScope, List<Settlement>> left = new TreeMap<>(ACCOUNT_ORDER);
        for (Map.Entry<BudgetScope, List<Settlement>> account : byAccount.entrySet()) {
            for (Settlement s : account.getValue()) {
                if (!marked.contains(s.id())) {
                    left.computeIfAbsent(account.getKey(), k -> new ArrayList<>()).add(s);
                }
            }
        }
        return left;
    }

    private static long deleted(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void correctExpired(Connection c, Object[] ids, Object[] spent) throws SQLException {
        try (PreparedStatement ps = prepare(c, PG_CORRECT_EXPIRED)) {
            ps.setArray(1, c.createArrayOf("varchar", ids));
            ps.setArray(2, c.createArrayOf("int8", spent));
            ps.executeUpdate();
        }
    }

    private void writePgOne(Connection c, Map.Entry<BudgetScope, List<Settlement>> account) throws SQLException {
        List<Settlement> list = account.getValue();
        try (PreparedStatement ps = prepare(c, PG_SETTLE_ONE)) {
            Object[] ids = list.stream().map(Settlement::id).toArray();
            ps.setArray(1, c.createArrayOf("varchar", ids));
            ps.setArray(2, c.createArrayOf("int8", list.stream().map(Settlement::spent).toArray()));
            ps.setArray(3, c.createArrayOf("varchar", ids));
            bind(ps, account.getKey(), 4);
            if (deleted(ps) < ids.length) {
                correctExpired(c, ids, list.stream().map(Settlement::spent).toArray());
            }
        }
    }

    /** How often a batch is tried again at once when a reservation committed under an id it gives back in doubt. */
    private static final int TOMBSTONE_ATTEMPTS = 3;

    private void writeTx(Connection c, Map<BudgetScope, List<Settlement>> byAccount) throws SQLException {
        c.setAutoCommit(false);
        for (int attempt = 1; ; attempt++) {
            try {
                for (List<Settlement> list : byAccount.values()) {
                    for (Settlement s : list) {
                        if (s.inDoubt()) {
                            giveBackTx(c, s);
                        } else {
                            settleTx(c, s.id(), s.scope(), s.reserved(), s.spent());
                        }
                    }
                }
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                String state = e.getSQLState();
                if (attempt >= TOMBSTONE_ATTEMPTS || state == null || !state.startsWith("23")) {
                    throw e;
                }
                // a tombstone's insert met a reservation committed under its id just now: that hold is given back
                // by the next attempt
            }
        }
    }

    /**
     * The give-back of a reservation in doubt: its hold is given back if the store took it; if not, a tombstone is
     * left under its id, so that the store cannot take it later. The reservation's row is inserted before its commit
     * is sent, so a commit the store is still to take holds the id's index entry: the tombstone's insert waits for
     * it and, if it commits, fails on the primary key; the batch is then tried again and finds the hold.
     */
    private void giveBackTx(Connection c, Settlement s) throws SQLException {
        if (settleTx(c, s.id(), s.scope(), s.reserved(), 0)) {
            return;
        }
        Integer givenBack = null;
        try (PreparedStatement q = prepare(c, RESERVATION_KIND)) {
            q.setString(1, s.id());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    givenBack = rs.getInt(1);
                }
            }
        }
        // no row: not taken (yet), or taken and settled on expiry, which leaves a settlement row under the id (corrected
        // to nothing just now by settleTx): nothing can come under that id any more, so it needs no tombstone
        if (givenBack == null && !settled(c, s.id())) {
            try (PreparedStatement ins = prepare(c, INSERT_TOMBSTONE)) {
                ins.setString(1, s.id());
                bind(ins, s.scope(), 2);
                ins.setObject(5, OffsetDateTime.now(ZoneOffset.UTC).plus(ttl));
                ins.executeUpdate();
            }
        } else if (givenBack == 0) {
            // a hold committed between the delete and this query: the batch is tried again and gives it back
            throw new SQLException("reservation " + s.id() + " was committed while it was given back", "23000");
        }
        // givenBack == 1: the tombstone of an earlier attempt whose answer was lost
    }

    /**
     * Only the transaction that deletes the reservation row gives its amount back: a sweep and a commit never both do.
     * A settlement whose hold a sweep settled on expiry replaces the amount booked then.
     */
    private boolean settleTx(Connection c, String id, BudgetScope scope, long reserved, long spent) throws SQLException {
        int deleted;
        try (PreparedStatement del = prepare(c, DELETE_RESERVATION)) {
            del.setString(1, id);
            deleted = del.executeUpdate();
        }
        long bookedOnExpiry = 0;
        if (deleted == 0) {
            boolean expired = false;
            try (PreparedStatement q = prepare(c, EXPIRED_SETTLEMENT)) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        expired = true;
                        bookedOnExpiry = rs.getLong(1);
                    }
                }
            }
            if (!expired) {
                // neither held nor settled on expiry: this settlement was written before and only its answer lost
                return false;
            }
            try (PreparedStatement up = prepare(c, CORRECT_SETTLEMENT)) {
                up.setString(1, id);
                up.executeUpdate();
            }
            if (spent == bookedOnExpiry) {
                return false;
            }
        }
        try (PreparedStatement up = prepare(c, SETTLE_ACCOUNT)) {
            up.setLong(1, deleted == 1 ? reserved : 0);
            up.setLong(2, spent - bookedOnExpiry);
            bind(up, scope, 3);
            up.executeUpdate();
        }
        return deleted == 1;
    }

    private boolean settled(Connection c, String id) throws SQLException {
        try (PreparedStatement q = prepare(c, SETTLEMENT_EXISTS)) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** A sweep's share of one expired hold: booked at its amount, the id kept as settled on expiry. */
    private boolean expireTx(Connection c, String id, BudgetScope scope, long amount) throws SQLException {
        int deleted;
        try (PreparedStatement del = prepare(c, DELETE_RESERVATION)) {
            del.setString(1, id);
            deleted = del.executeUpdate();
        }
        if (deleted == 0) {
            return false; // settled meanwhile
        }
        try (PreparedStatement ins = prepare(c, INSERT_SETTLEMENT)) {
            ins.setString(1, id);
            bind(ins, scope, 2);
            ins.setLong(5, amount);
            ins.setString(6, "expired");
            ins.executeUpdate();
        }
        try (PreparedStatement up = prepare(c, SETTLE_ACCOUNT)) {
            up.setLong(1, amount);
            up.setLong(2, amount);
            bind(up, scope, 3);
            up.executeUpdate();
        }
        return true;
    }

    @Override
    public long spent(BudgetScope scope) {
        ensureSchema();
        // this instance's own settlements first, so it reads what it wrote
        settlements.flush();
        try (Connection c = connect(); PreparedStatement q = prepare(c, SPENT)) {
            bind(q, scope, 1);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /**
     * Gives back every reservation whose time is up (left by an instance that died, or whose settlement could not
     * reach the store). Runs by itself at most every quarter of the TTL (between 200 ms and a minute) on the
     * reserving thread; public for operations and tests.
     *
     * @return the amount given back, over all accounts
     */
    public long sweepExpired() {
        ensureSchema();
        try (Connection c = connect()) {
            if (isPostgres(c)) {
                c.setAutoCommit(true);
                long total = 0;
                long holds = 0;
                try (Statement s = statement(c); ResultSet rs = s.executeQuery(PG_SWEEP)) {
                    while (rs.next()) {
                        total += rs.getLong(1);
                        holds += rs.getLong(2);
                    }
                }
                settledOnExpiry(holds, total);
                return total;
            }
            return sweepTx(c);
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    private long sweepTx(Connection c) throws SQLException {
        List<Object[]> expired = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean tombstones = false;
        try (PreparedStatement q = prepare(c, EXPIRED)) {
            q.setObject(1, now);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(6) != 0) {
                        tombstones = true; // holds nothing: deleted below, nothing settled
                        continue;
                    }
                    expired.add(new Object[] {
                        rs.getString(1),
                        new BudgetScope(rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()),
                        rs.getLong(5) });
                }
            }
        }
        long n = 0;
        long holds = 0;
        c.setAutoCommit(false);
        try {
            for (Object[] e : expired) {
                if (expireTx(c, (String) e[0], (BudgetScope) e[1], (Long) e[2])) {
                    n += (Long) e[2];
                    holds++;
                }
            }
            if (tombstones) {
                try (PreparedStatement del = prepare(c, DELETE_EXPIRED_TOMBSTONES)) {
                    del.setObject(1, now);
                    del.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException ex) {
            c.rollback();
            throw ex;
        }
        settledOnExpiry(holds, n);
        return n;
    }

    private void sweepIfDue() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last >= sweepEveryNanos && lastSweep.compareAndSet(last, now)) {
            try {
                sweepExpired();
            } catch (RuntimeException e) {
                // the reservation that follows will report the store's state; a sweep is retried next time
            }
        }
    }

    /** Told after a sweep that settled expired holds at their reserved amount (on the sweeping thread). */
    @FunctionalInterface
    public interface ExpiryListener {
        void settled(long holds, long amount);
    }

    /** Who hears of holds settled on expiry (the component: an audit event); one listener. */
    public void expiryListener(ExpiryListener l) {
        this.expiryListener = l;
    }

    /** Expired holds this instance's sweeps settled at their reserved amount. */
    public long holdsSettledOnExpiry() {
        return holdsSettledOnExpiry.get();
    }

    /** The amount those holds were booked at (tokens and micro-USD summed over rules, as reserved). */
    public long amountSettledOnExpiry() {
        return amountSettledOnExpiry.get();
    }

    private void settledOnExpiry(long holds, long amount) {
        if (holds == 0) {
            return;
        }
        holdsSettledOnExpiry.addAndGet(holds);
        amountSettledOnExpiry.addAndGet(amount);
        ExpiryListener l = expiryListener;
        if (l != null) {
            try {
                l.settled(holds, amount);
            } catch (RuntimeException e) {
                // a listener's failure is its own: the books are already right
            }
        }
    }

    public Duration reservationTtl() {
        return ttl;
    }

    private void ensureSchema() {
        if (!schemaReady) {
            synchronized (this) {
                if (!schemaReady) {
                    createSchema();
                }
            }
        }
    }

    private boolean isPostgres(Connection c) throws SQLException {
        return dialect.isPostgres(c);
    }

    /**
     * Connections come through here: after a failure the store counts as down for {@code retryAfter}, and callers
     * are told so at once instead of each waiting for a connection timeout on an exchange's thread.
     */
    private Connection connect() throws SQLException {
        long wait = downUntil - System.nanoTime();
        if (wait > 0) {
            throw new SQLException("marked down after a failure, next attempt in " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
        }
        return dataSource.getConnection();
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(queryTimeoutSeconds);
        return ps;
    }

    private Statement statement(Connection c) throws SQLException {
        Statement s = c.createStatement();
        s.setQueryTimeout(queryTimeoutSeconds);
        return s;
    }

    private BudgetStoreException unreachable(SQLException e) {
        long now = System.nanoTime();
        if (downUntil - now <= 0) {
            downUntil = now + retryAfterNanos;
        }
        return new BudgetStoreException("budget store unreachable: " + e.getMessage(), e);
    }

    private static void bind(PreparedStatement ps, BudgetScope scope, int from) throws SQLException {
        ps.setString(from, scope.ruleId());
        ps.setString(from + 1, scope.key());
        ps.setObject(from + 2, OffsetDateTime.ofInstant(scope.windowStart(), ZoneOffset.UTC));
    }
}
