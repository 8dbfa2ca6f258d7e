package io.camelorchestration.budget.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A database whose answer to a settlement is lost on the way back: the write is done and committed, the caller is
 * told the connection broke. What a network cut or a failover between commit and reply looks like to the ledger.
 */
final class LostAnswers {

    /** Settlement writes whose answer is still to be lost. */
    final AtomicInteger toLose = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();
    private final DataSource real;

    LostAnswers(DataSource real) {
        this.real = real;
    }

    DataSource dataSource() {
        return proxy(DataSource.class, real, (target, m, args) -> {
            Object r = invoke(target, m, args);
            return r instanceof Connection c ? connection(c) : r;
        });
    }

    private Connection connection(Connection c) {
        boolean[] settling = new boolean[1];
        return proxy(Connection.class, c, (target, m, args) -> {
            Object r = invoke(target, m, args);
            if (m.getName().equals("commit") && settling[0]) {
                settling[0] = false;
                loseOne(); // a transaction that settled: committed now
            }
            if (r instanceof PreparedStatement ps && args != null && args[0] instanceof String sql) {
                if (sql.contains("DELETE FROM " + JdbcBudgetLedger.RESERVATIONS + " WHERE id = ANY")) {
                    return statement(ps);
                }
                settling[0] |= sql.contains("SET reserved = reserved - ?");
            }
            return r;
        });
    }

    private PreparedStatement statement(PreparedStatement ps) {
        return proxy(PreparedStatement.class, ps, (target, m, args) -> {
            Object r = invoke(target, m, args);
            if (m.getName().equals("executeUpdate") || m.getName().equals("executeQuery")) {
                loseOne(); // single statement, auto-commit: it is in the database now
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

    private void loseOne() throws SQLException {
        if (toLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            lost.incrementAndGet();
            throw new SQLException("An I/O error occurred while sending to the backend (answer lost)", "08006");
        }
    }

    private interface Call {
        Object call(Object target, Method m, Object[] args) throws Throwable;
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler h = (p, m, args) -> call.call(target, m, args);
        return (T) Proxy.newProxyInstance(LostAnswers.class.getClassLoader(), new Class<?>[] { type }, h);
    }
}
