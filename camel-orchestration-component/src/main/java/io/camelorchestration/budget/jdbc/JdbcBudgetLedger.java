package io.camelorchestration.budget.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

import javax.sql.DataSource;

import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.Reservation;

/**
 * Cumulative budgets in a database shared by several instances. Every change is one atomic SQL statement: the
 * reservation is a conditional UPDATE that only succeeds while committed + reserved + amount stays within the
 * limit, so two instances never both get the last tokens.
 */
public final class JdbcBudgetLedger implements BudgetLedger {

    static final String TABLE = "orchestration_budget";

    private final DataSource dataSource;
    private volatile boolean schemaReady;

    public JdbcBudgetLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the table when it is missing. */
    public void createSchema() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "rule_id VARCHAR(300) NOT NULL, budget_key VARCHAR(128) NOT NULL, window_start TIMESTAMP NOT NULL,"
                    + " committed BIGINT NOT NULL DEFAULT 0, reserved BIGINT NOT NULL DEFAULT 0,"
                    + " updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                    + " PRIMARY KEY (rule_id, budget_key, window_start))");
            schemaReady = true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create budget table " + TABLE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Reservation reserve(BudgetScope scope, long amount, long limit) {
        ensureSchema();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + TABLE
                    + " (rule_id, budget_key, window_start) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                bind(ins, scope, 1);
                ins.executeUpdate();
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE " + TABLE
                    + " SET reserved = reserved + ?, updated_at = CURRENT_TIMESTAMP"
                    + " WHERE rule_id = ? AND budget_key = ? AND window_start = ? AND committed + reserved + ? <= ?")) {
                up.setLong(1, amount);
                bind(up, scope, 2);
                up.setLong(5, amount);
                up.setLong(6, limit);
                return up.executeUpdate() == 1 ? new Reservation(scope.ruleId() + "|" + scope.key(), scope, amount) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("budget store unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit(Reservation r, long actualAmount) {
        update("reserved = reserved - ?, committed = committed + ?", r, r.amount(), actualAmount);
    }

    @Override
    public void release(Reservation r) {
        update("reserved = reserved - ?, committed = committed + ?", r, r.amount(), 0);
    }

    @Override
    public long spent(BudgetScope scope) {
        ensureSchema();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT committed + reserved FROM " + TABLE
                     + " WHERE rule_id = ? AND budget_key = ? AND window_start = ?")) {
            bind(q, scope, 1);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("budget store unreachable: " + e.getMessage(), e);
        }
    }

    private void update(String set, Reservation r, long a, long b) {
        ensureSchema();
        try (Connection c = dataSource.getConnection();
             PreparedStatement up = c.prepareStatement("UPDATE " + TABLE + " SET " + set
                     + ", updated_at = CURRENT_TIMESTAMP WHERE rule_id = ? AND budget_key = ? AND window_start = ?")) {
            up.setLong(1, a);
            up.setLong(2, b);
            bind(up, r.scope(), 3);
            up.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("budget store unreachable: " + e.getMessage(), e);
        }
    }

    private void ensureSchema() {
        if (!schemaReady) {
            createSchema();
        }
    }

    private static void bind(PreparedStatement ps, BudgetScope scope, int from) throws SQLException {
        ps.setString(from, scope.ruleId());
        ps.setString(from + 1, scope.key());
        ps.setTimestamp(from + 2, Timestamp.from(scope.windowStart()));
    }
}
