package io.camelorchestration.budget.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.budget.Reservation;
import io.camelorchestration.component.JdbcTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger's state follows the store without waiting for traffic: expired holds are swept at start-up and on a
 * timer, and a store that comes back is noticed by a probe, not after {@code retryAfter}.
 */
class JdbcLedgerFollowsTheStoreTest {

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    private static BudgetScope scope(String key) {
        return new BudgetScope("t-*|tokens|day", key, Instant.parse("2026-11-24T00:00:00Z"));
    }

    private static long reserved(String key) throws Exception {
        return db.queryLong("SELECT COALESCE(SUM(reserved), 0) FROM orchestration_budget WHERE budget_key = '" + key + "'");
    }

    private static long committed(String key) throws Exception {
        return db.queryLong("SELECT COALESCE(SUM(committed), 0) FROM orchestration_budget WHERE budget_key = '" + key + "'");
    }

    @Test
    void aRestartedInstanceSweepsItsDeadPredecessorsExpiredHoldsAtStartUp() throws Exception {
        // the predecessor reserved and died: never settled, never closed
        JdbcBudgetLedger dead = new JdbcBudgetLedger(db.dataSource(), Duration.ofMillis(200));
        assertThat(dead.reserve(scope("t-restart"), 900, 1000)).isNotNull();
        await().until(() -> db.queryLong("SELECT COUNT(*) FROM orchestration_budget_reservation"
                + " WHERE budget_key = 't-restart' AND expires_at < CURRENT_TIMESTAMP") == 1);

        // a long TTL: its own timer would sweep only after minutes, so what frees the budget is the start-up sweep
        try (JdbcBudgetLedger restarted = new JdbcBudgetLedger(db.dataSource(), Duration.ofMinutes(10))) {
            restarted.start();
            await().until(() -> reserved("t-restart") == 0);
            // booked at what the dead instance held: the rest of the budget serves at once
            assertThat(committed("t-restart")).isEqualTo(900);
            assertThat(restarted.reserve(scope("t-restart"), 100, 1000)).isNotNull();
        }
    }

    @Test
    void expiredHoldsAreSweptOnATimerWithNoTrafficAtAll() throws Exception {
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource(), Duration.ofMillis(300))) {
            ledger.start();
            assertThat(ledger.reserve(scope("t-idle"), 700, 1000)).isNotNull();
            assertThat(reserved("t-idle")).isEqualTo(700);
            // nobody reserves again: the timer alone gives the abandoned hold back
            await().until(() -> reserved("t-idle") == 0);
            assertThat(committed("t-idle")).as("settled on expiry at its amount").isEqualTo(700);
        }
    }

    @Test
    void aStoreThatComesBackIsNoticedByTheProbeNotAfterRetryAfter() throws Exception {
        // retryAfter of ten minutes: without the probe, the ledger would refuse for ten minutes after the outage
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource(), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofSeconds(2))) {
            ledger.start();
            Reservation held = ledger.reserve(scope("t-probe"), 100, 1000);
            assertThat(held).isNotNull();
            db.stopServer();
            try {
                assertThatThrownBy(() -> ledger.reserve(scope("t-probe"), 100, 1000)).isInstanceOf(BudgetStoreException.class);
                assertThat(ledger.markedDown()).isTrue();
                // spent during the outage: kept, and written once the store is back
                ledger.commit(held, 42);
            } finally {
                db.startServer();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !ledger.markedDown());
            assertThat(ledger.reserve(scope("t-probe"), 100, 1000)).isNotNull();
            await().atMost(Duration.ofSeconds(30)).until(() -> committed("t-probe") == 42);
        }
    }
}
