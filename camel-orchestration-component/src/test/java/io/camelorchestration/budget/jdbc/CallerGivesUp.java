package io.camelorchestration.budget.jdbc;

import static io.camelorchestration.budget.jdbc.LostAnswers.invoke;
import static io.camelorchestration.budget.jdbc.LostAnswers.proxy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

/**
 * A client that stops waiting for a reservation while the store still works on it, and the store then takes it
 * after the caller was told of a failure: what a socket timeout or a connection cut mid-call looks like when the
 * server does not notice and commits later.
 * <ul>
 * <li>PostgreSQL (one auto-commit statement): the next reservation statement keeps running on a thread of its own
 * after the caller stopped waiting {@code patience} for it; {@link #late()} is its outcome.</li>
 * <li>Other databases (a transaction): the next reservation's commit is held back, the caller told the connection
 * broke; {@link #commitLate()} sends it, {@link #rollbackLate()} loses it.</li>
 * </ul>
 */
final class CallerGivesUp {

    /** Whether the next reservation is the one the caller gives up on. */
    final AtomicBoolean armed = new AtomicBoolean();
    private final DataSource real;
    private final Duration patience;
    private volatile CompletableFuture<Object> late;
    private volatile Connection heldCommit;

    CallerGivesUp(DataSource real, Duration patience) {
        this.real = real;
        this.patience = patience;
    }

    DataSource dataSource() {
        return proxy(DataSource.class, real, (target, m, args) -> {
            Object r = invoke(target, m, args);
            return r instanceof Connection c ? connection(c) : r;
        });
    }

    /** What the store did with the statement the caller gave up on: its result, or the exception it ended with. */
    CompletableFuture<Object> late() {
        return late;
    }

    /** Sends the commit held back; throws what the store answers to it. */
    void commitLate() throws SQLException {
        Connection c = heldCommit;
        heldCommit = null;
        try {
            c.commit();
        } finally {
            c.close();
        }
    }

    /** The commit held back never reaches the store: the connection is gone, the store rolls the reservation back. */
    void rollbackLate() throws SQLException {
        Connection c = heldCommit;
        heldCommit = null;
        try {
            c.rollback();
        } finally {
            c.close();
        }
    }

    private Connection connection(Connection c) {
        boolean[] reserving = new boolean[1];
        boolean[] handedOver = new boolean[1];
        return proxy(Connection.class, c, (target, m, args) -> {
            if (handedOver[0] && (m.getName().equals("close") || m.getName().equals("rollback"))) {
                return null; // the caller is done with it; the store is not
            }
            if (m.getName().equals("commit") && reserving[0] && armed.getAndSet(false)) {
                handedOver[0] = true;
                heldCommit = c;
                throw new SQLException("An I/O error occurred while sending to the backend (the caller gave up)", "08006");
            }
            Object r = invoke(target, m, args);
            if (r instanceof PreparedStatement ps && args != null && args[0] instanceof String sql) {
                if (sql.startsWith("WITH acct AS") && sql.contains("INSERT INTO " + JdbcBudgetLedger.RESERVATIONS)) {
                    return statement(c, ps, handedOver);
                }
                reserving[0] |= sql.startsWith("INSERT INTO " + JdbcBudgetLedger.RESERVATIONS);
            }
            return r;
        });
    }

    private PreparedStatement statement(Connection c, PreparedStatement ps, boolean[] handedOver) {
        boolean[] running = new boolean[1];
        return proxy(PreparedStatement.class, ps, (target, m, args) -> {
            if (running[0] && m.getName().equals("close")) {
                return null;
            }
            if (!m.getName().equals("executeQuery") || !armed.getAndSet(false)) {
                return invoke(target, m, args);
            }
            CompletableFuture<Object> statement = new CompletableFuture<>();
            Thread store = new Thread(() -> {
                try {
                    statement.complete(invoke(target, m, args));
                } catch (Throwable e) {
                    statement.completeExceptionally(e);
                } finally {
                    try {
                        ps.close();
                        c.close();
                    } catch (SQLException ignored) {
                        // the test looks at the statement's outcome, not at this
                    }
                }
            }, "late-reservation");
            store.start();
            try {
                return statement.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            } catch (TimeoutException stillRunning) {
                running[0] = true;
                handedOver[0] = true;
                late = statement;
                throw new SQLException("An I/O error occurred while sending to the backend (Read timed out: the caller"
                        + " gave up, the store still runs the statement)", "08006");
            }
        });
    }
}
