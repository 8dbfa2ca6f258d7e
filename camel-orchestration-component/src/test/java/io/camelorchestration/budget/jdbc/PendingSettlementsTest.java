package io.camelorchestration.budget.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.budget.PendingSettlements;
import io.camelorchestration.budget.Reservation;
import io.camelorchestration.component.JdbcTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pending settlements wait in the journal and are booked by id, exactly once: a retry after a lost answer books
 * nothing twice, a journal closed with entries gives them to the next process, and a full journal refuses at once.
 */
class PendingSettlementsTest {

    @RegisterExtension
    static final JdbcTestDatabase db = JdbcTestDatabase.perClass();

    @TempDir
    Path dir;

    private static BudgetScope scope(String key) {
        return new BudgetScope("p-*|tokens|day", key, Instant.parse("2026-12-07T00:00:00Z"));
    }

    private static long committed(String key) throws Exception {
        return db.queryLong("SELECT COALESCE(SUM(committed), 0) FROM orchestration_budget WHERE budget_key = '" + key + "'");
    }

    @Test
    void aBatchBookedTwiceIsCountedOnce() throws Exception {
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource())) {
            List<BudgetLedger.Booking> batch = List.of(new BudgetLedger.Booking("s-1.0", scope("p-twice"), 30),
                    new BudgetLedger.Booking("s-2.0", scope("p-twice"), 12));
            ledger.book(batch);
            ledger.book(batch);
            ledger.book(List.of(new BudgetLedger.Booking("s-1.0", scope("p-twice"), 30)));
            assertThat(committed("p-twice")).isEqualTo(42);
        }
    }

    @Test
    void aBookingWhoseAnswerWasLostIsRetriedWithoutBookingTwice() throws Exception {
        try (JdbcBudgetLedger real = new JdbcBudgetLedger(db.dataSource())) {
            AtomicBoolean loseAnswer = new AtomicBoolean(true);
            // books, then reports a failure: the database has the rows, the journal does not know
            BudgetLedger lossy = new ForwardingLedger(real) {
                @Override
                public void book(List<Booking> bookings) {
                    real.book(bookings);
                    if (loseAnswer.getAndSet(false)) {
                        throw new BudgetStoreException("budget store unreachable: answer lost", null);
                    }
                }
            };
            try (PendingSettlements pending = PendingSettlements.open(dir, "lossy", 1 << 20, lossy)) {
                for (int i = 0; i < 10; i++) {
                    assertThat(pending.record(List.of(scope("p-lost")), new long[] { 7 })).isNotNull();
                }
                assertThat(pending.drain()).isZero(); // booked, but the answer was lost: all still waiting
                assertThat(pending.waiting()).isEqualTo(10);
                assertThat(pending.drain()).isEqualTo(10);
                assertThat(pending.waiting()).isZero();
            }
            assertThat(committed("p-lost")).isEqualTo(70);
        }
    }

    @Test
    void whatAClosedJournalHoldsIsBookedByTheNextProcess() throws Exception {
        try (JdbcBudgetLedger down = new JdbcBudgetLedger(JdbcTestDatabase.unreachable())) {
            try (PendingSettlements pending = PendingSettlements.open(dir, "restart", 1 << 20, down)) {
                pending.record(List.of(scope("p-restart"), new BudgetScope("p-*|usd|day", "p-restart",
                        Instant.parse("2026-12-07T00:00:00Z"))), new long[] { 25, 900 });
                assertThat(pending.drain()).isZero();
            }
        }
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource());
                PendingSettlements pending = PendingSettlements.open(dir, "restart", 1 << 20, ledger)) {
            assertThat(pending.waiting()).isEqualTo(2);
            assertThat(pending.drain()).isEqualTo(2);
        }
        assertThat(committed("p-restart")).isEqualTo(925);
    }

    @Test
    void aStepJournalledAheadIsBookedAtWhatItSpentOrAtItsEstimateIfItsProcessDied() throws Exception {
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource())) {
            ledger.createSchema();
            try (PendingSettlements pending = PendingSettlements.open(dir, "ahead", 1 << 20, ledger)) {
                String settled = pending.recordAhead(List.of(scope("p-ahead")), new long[] { 75 });
                String cancelled = pending.recordAhead(List.of(scope("p-ahead")), new long[] { 75 });
                String cutShort = pending.recordAhead(List.of(scope("p-ahead")), new long[] { 75 });
                assertThat(List.of(settled, cancelled, cutShort)).doesNotContainNull();
                assertThat(pending.drain()).as("their steps still run: nothing booked yet").isZero();
                assertThat(committed("p-ahead")).isZero();

                pending.settle(settled, List.of(scope("p-ahead")), new long[] { 31 });
                pending.cancel(cancelled, 1);
                assertThat(pending.drain()).isEqualTo(1);
                assertThat(committed("p-ahead")).as("what the step spent, not its estimate").isEqualTo(31);
                assertThat(pending.waiting()).as("the step cut short still waits").isEqualTo(1);
            } // the process dies here, its third step still running
            try (PendingSettlements next = PendingSettlements.open(dir, "ahead", 1 << 20, ledger)) {
                assertThat(next.drain()).isEqualTo(1);
            }
        }
        assertThat(committed("p-ahead")).as("the step cut short is booked at its estimate").isEqualTo(31 + 75);
    }

    @Test
    void aSecondComponentTakesTheNextJournalInsteadOfFailing() throws Exception {
        try (JdbcBudgetLedger ledger = new JdbcBudgetLedger(db.dataSource());
                PendingSettlements first = PendingSettlements.open(dir, "shared", 1 << 20, ledger);
                PendingSettlements second = PendingSettlements.open(dir, "shared", 1 << 20, ledger)) {
            assertThat(first.journal().file()).isNotEqualTo(second.journal().file());
        }
    }

    @Test
    void aFullJournalRefusesAtOnceAndSaysSo() throws Exception {
        AtomicInteger full = new AtomicInteger();
        AtomicInteger accepting = new AtomicInteger();
        try (JdbcBudgetLedger down = new JdbcBudgetLedger(JdbcTestDatabase.unreachable());
                PendingSettlements pending = PendingSettlements.open(dir, "full", 400, down)) {
            pending.listener(new PendingSettlements.Listener() {
                @Override
                public void full(PendingSettlements p) {
                    full.incrementAndGet();
                }

                @Override
                public void accepting(PendingSettlements p) {
                    accepting.incrementAndGet();
                }
            });
            int kept = 0;
            for (int i = 0; i < 20; i++) {
                if (pending.record(List.of(scope("p-full")), new long[] { 1 }) != null) {
                    kept++;
                }
            }
            assertThat(kept).isBetween(1, 19);
            assertThat(pending.full()).isTrue();
            assertThat(pending.refused()).isEqualTo(20 - kept);
            assertThat(full.get()).as("told once, not per refused step").isEqualTo(1);
        }
    }

    /** A ledger that forwards everything: tests override what they break. */
    private static class ForwardingLedger implements BudgetLedger {
        private final BudgetLedger d;

        ForwardingLedger(BudgetLedger d) {
            this.d = d;
        }

        @Override
        public Reservation reserve(BudgetScope scope, long amount, long limit) {
            return d.reserve(scope, amount, limit);
        }

        @Override
        public void commit(Reservation reservation, long actualAmount) {
            d.commit(reservation, actualAmount);
        }

        @Override
        public void release(Reservation reservation) {
            d.release(reservation);
        }

        @Override
        public long spent(BudgetScope scope) {
            return d.spent(scope);
        }

        @Override
        public void book(List<Booking> bookings) {
            d.book(bookings);
        }
    }
}
