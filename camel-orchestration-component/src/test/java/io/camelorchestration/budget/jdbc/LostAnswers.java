package io.camelorchestration.budget.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A database whose answer to a settlement, or to a reservation, is lost on the way back: the write is done and
 * committed, the caller is told the connection broke. What a network cut, a failover or a server shut down between
 * commit and reply looks like to the ledger.
 */
final class LostAnswers {

    /** Settlement writes whose answer is still to be lost. */
    final AtomicInteger toLose = new AtomicInteger();
    /**
     * Reservations whose answer is still to be lost; the store then goes away (as a server shut down mid-call does),
     * refusing connections until {@link #down} is cleared.
     */
    final AtomicInteger reservationsToLose = new AtomicInteger();
    final AtomicBoolean down = new AtomicBoolean();
    /** Give-backs of reservations in doubt whose tombstones' answer (PostgreSQL) is still to be lost. */
    final AtomicInteger tombstonesToLose = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();
    private final DataSource real;

    LostAnswers(DataSource real) {
        this.real = real;
    }

    DataSource dataSource() {
        return proxy(DataSource.class, real, (target, m, args) -> {
            if (down.get() && m.getName().equals("getConnection")) {
                throw new SQLException("Connection to localhost refused (store down)", "08001");
            }
            Object r = invoke(target, m, args);
            return r instanceof Connection c ? connection(c) : r;
        });
    }

    private Connection connection(Connection c) {
        boolean[] settling = new boolean[1];
        boolean[] reserving = new boolean[1];
        return proxy(Connection.class, c, (target, m, args) -> {
            Object r = invoke(target, m, args);
            if (m.getName().equals("commit") && settling[0]) {
                settling[0] = false;
                loseOne(toLose); // a transaction that settled: committed now
            }
            if (m.getName().equals("commit") && reserving[0]) {
                reserving[0] = false;
                loseReservation(); // a transaction that reserved: committed now
            }
            if (r instanceof PreparedStatement ps && args != null && args[0] instanceof String sql) {
                if (sql.contains("DELETE FROM " + JdbcBudgetLedger.RESERVATIONS + " WHERE id = ANY")) {
                    return statement(ps, toLose, () -> loseOne(toLose));
                }
                if (sql.startsWith("WITH acct AS") && sql.contains("INSERT INTO " + JdbcBudgetLedger.RESERVATIONS)) {
                    return statement(ps, reservationsToLose, this::loseReservation);
                }
                if (sql.startsWith("INSERT INTO " + JdbcBudgetLedger.RESERVATIONS) && sql.contains("unnest")) {
                    return statement(ps, tombstonesToLose, () -> loseOne(tombstonesToLose));
                }
                settling[0] |= sql.contains("SET reserved = reserved - ?");
                reserving[0] |= sql.startsWith("INSERT INTO " + JdbcBudgetLedger.RESERVATIONS);
            }
            return r;
        });
    }

    private interface Loss {
        void lose() throws SQLException;
    }

    private PreparedStatement statement(PreparedStatement ps, AtomicInteger counter, Loss loss) {
        return proxy(PreparedStatement.class, ps, (target, m, args) -> {
            Object r = invoke(target, m, args);
            if ((m.getName().equals("executeUpdate") || m.getName().equals("executeQuery")) && counter.get() > 0) {
                if (r instanceof ResultSet rs) {
                    rs.close(); // the driver has read the answer before it returns: the statement is done
                }
                loss.lose(); // single statement, auto-commit: it is in the database now
            }
            return r;
        });
    }

    /** Flushes until every settlement is written: a lost answer is a failure, retried like any other. */
    static void flushUntilWritten(JdbcBudgetLedger ledger) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                ledger.flush();
                if (ledger.settlementsWaiting() == 0) {
                    return;
                }
            } catch (RuntimeException storeDownForNow) {
                if (System.nanoTime() > deadline) {
                    throw storeDownForNow;
                }
            }
            Thread.sleep(25);
        }
    }

    private void loseReservation() throws SQLException {
        if (reservationsToLose.get() > 0) {
            down.set(true);
        }
        loseOne(reservationsToLose);
    }

    private void loseOne(AtomicInteger counter) throws SQLException {
        if (counter.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            lost.incrementAndGet();
            throw new SQLException("An I/O error occurred while sending to the backend (answer lost)", "08006");
        }
    }

    /** A JDBC call through a proxy (CallerGivesUp uses these too). */
    interface Call {
        Object call(Object target, Method m, Object[] args) throws Throwable;
    }

    static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler h = (p, m, args) -> call.call(target, m, args);
        return (T) Proxy.newProxyInstance(LostAnswers.class.getClassLoader(), new Class<?>[] { type }, h);
    }
}
