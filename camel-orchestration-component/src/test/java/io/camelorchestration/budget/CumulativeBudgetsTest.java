package io.camelorchestration.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import io.camelorchestration.catalog.Usd;
import org.junit.jupiter.api.Test;

/**
 * Cumulative budgets over a ledger whose store comes and goes, and the memory ledger over changing windows.
 */
class CumulativeBudgetsTest {

    static final Clock NOON = Clock.fixed(Instant.parse("2026-11-24T12:00:30Z"), ZoneOffset.UTC);

    /** The memory ledger, behind a switch that makes it unreachable. */
    static final class SwitchableLedger extends InterceptedLedger {
        final AtomicBoolean down = new AtomicBoolean();

        @Override
        protected void before(String operation, BudgetScope scope) {
            if (down.get()) {
                throw new BudgetStoreException("budget store unreachable: connection refused", null);
            }
        }
    }

    @Test
    void aHardRuleFailsClosedWhileTheStoreIsDown() {
        SwitchableLedger ledger = new SwitchableLedger();
        CumulativeBudgets budgets = new CumulativeBudgets(BudgetRules.parse("acme-*=1000 tokens/day hard"), ledger, NOON);
        ledger.down.set(true);

        CumulativeBudgets.Hold hold = budgets.reserve("acme-eu", 10, Usd.ZERO);

        assertThat(hold.refused()).isTrue();
        assertThat(hold.storeUnreachable()).isTrue();
        assertThat(hold.refusedBy().toString()).isEqualTo("acme-*=1000 tokens/day hard");
        assertThat(budgets.storeFailures()).isEqualTo(1);
    }

    @Test
    void aHardRuleConfiguredOpenAndASoftRuleLetTheFailureThrough() {
        SwitchableLedger ledger = new SwitchableLedger();
        ledger.down.set(true);
        CumulativeBudgets open = new CumulativeBudgets(BudgetRules.parse("acme-*=1000 tokens/day hard"), ledger, NOON,
                BudgetStorePolicy.OPEN);
        CumulativeBudgets soft = new CumulativeBudgets(BudgetRules.parse("acme-*=1000 tokens/day soft"), ledger, NOON);

        assertThatThrownBy(() -> open.reserve("acme-eu", 10, Usd.ZERO)).isInstanceOf(BudgetStoreException.class);
        assertThatThrownBy(() -> soft.reserve("acme-eu", 10, Usd.ZERO)).isInstanceOf(BudgetStoreException.class);
    }

    @Test
    void aStepGoingAheadOverBudgetIsNotStoppedByTheStore() {
        SwitchableLedger ledger = new SwitchableLedger();
        ledger.down.set(true);
        CumulativeBudgets budgets = new CumulativeBudgets(BudgetRules.parse("acme-*=1000 tokens/day hard"), ledger, NOON);

        CumulativeBudgets.Hold hold = budgets.reserveOverLimit("acme-eu", 10, Usd.ZERO);

        assertThat(hold.refused()).isFalse();
        assertThat(hold.held()).isEmpty();
    }

    @Test
    void aSettlementThatCannotReachTheStoreIsDroppedAndCounted() {
        SwitchableLedger ledger = new SwitchableLedger();
        CumulativeBudgets budgets = new CumulativeBudgets(BudgetRules.parse("acme-*=1000 tokens/day hard"), ledger, NOON);
        CumulativeBudgets.Hold hold = budgets.reserve("acme-eu", 100, Usd.ZERO);
        assertThat(hold.held()).hasSize(1);

        ledger.down.set(true);
        budgets.commit(hold, 80, Usd.ZERO);

        assertThat(budgets.storeFailures()).isEqualTo(1);
        ledger.down.set(false);
        BudgetScope scope = hold.held().get(0).reservation().scope();
        assertThat(ledger.spent(scope)).as("still reserved, until the store expires it").isEqualTo(100);
    }

    @Test
    void whenOneRuleRefusesWhatOtherRulesHeldIsGivenBack() {
        SwitchableLedger ledger = new SwitchableLedger();
        CumulativeBudgets budgets = new CumulativeBudgets(
                BudgetRules.parse("*=1000000 tokens/month soft; acme-*=50 tokens/day hard"), ledger, NOON);

        CumulativeBudgets.Hold hold = budgets.reserve("acme-eu", 60, Usd.ZERO);

        assertThat(hold.refused()).isTrue();
        assertThat(hold.storeUnreachable()).isFalse();
        for (BudgetRule rule : BudgetRules.parse("*=1000000 tokens/month soft").rules()) {
            assertThat(ledger.spent(new BudgetScope(rule.id(), "acme-eu", rule.window().start(NOON.instant())))).isZero();
        }
    }

    @Test
    void theMemoryLedgerForgetsWindowsThatAreOver() {
        InMemoryBudgetLedger ledger = new InMemoryBudgetLedger();
        Instant minute1 = Instant.parse("2026-11-24T12:00:00Z");
        Instant minute2 = Instant.parse("2026-11-24T12:01:00Z");
        Reservation settled = ledger.reserve(new BudgetScope("r", "acme-eu", minute1), 10, 100);
        ledger.commit(settled, 10);
        Reservation inFlight = ledger.reserve(new BudgetScope("r", "acme-us", minute1), 10, 100);
        ledger.reserve(new BudgetScope("r", "acme-eu", minute2), 10, 100);
        ledger.reserve(new BudgetScope("r", "acme-us", minute2), 10, 100);
        assertThat(ledger.accounts()).isEqualTo(4);

        ledger.purgePastWindows();

        assertThat(ledger.accounts()).as("acme-eu's first minute is over and settled; acme-us's still holds a reservation")
                .isEqualTo(3);
        ledger.release(inFlight);
        ledger.purgePastWindows();
        assertThat(ledger.accounts()).isEqualTo(2);
        assertThat(ledger.spent(new BudgetScope("r", "acme-eu", minute2))).isEqualTo(10);
    }
}
