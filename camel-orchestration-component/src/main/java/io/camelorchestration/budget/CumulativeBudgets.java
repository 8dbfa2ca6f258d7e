package io.camelorchestration.budget;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cumulative budgets a budget key draws on: reserves every matching rule before a step, settles them after.
 * Hard rules refuse the reservation; soft rules always take it and only report that they are over.
 */
public final class CumulativeBudgets {

    private final BudgetRules rules;
    private final BudgetLedger ledger;
    private final Clock clock;

    public CumulativeBudgets(BudgetRules rules, BudgetLedger ledger, Clock clock) {
        this.rules = rules;
        this.ledger = ledger;
        this.clock = clock;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public BudgetLedger ledger() {
        return ledger;
    }

    /**
     * Reserves the estimate on every rule matching the key. When a hard rule refuses, everything already held is
     * given back and the hold names that rule.
     */
    public Hold reserve(String key, long tokens, long costMicros) {
        return reserve(key, tokens, costMicros, false);
    }

    /**
     * Reserves without enforcing the limits: a step that goes ahead over budget (degrade, fallback) is still booked,
     * so the ledger never undercounts what was spent.
     */
    public Hold reserveOverLimit(String key, long tokens, long costMicros) {
        return reserve(key, tokens, costMicros, true);
    }

    private Hold reserve(String key, long tokens, long costMicros, boolean force) {
        List<BudgetRule> matching = rules.matching(key);
        if (matching.isEmpty()) {
            return Hold.EMPTY;
        }
        Instant now = clock.instant();
        List<Held> held = new ArrayList<>(matching.size());
        BudgetRule softOver = null;
        for (BudgetRule rule : matching) {
            BudgetScope scope = new BudgetScope(rule.id(), key, rule.window().start(now));
            long amount = rule.unit() == BudgetUnit.TOKENS ? tokens : costMicros;
            Reservation r = ledger.reserve(scope, amount, rule.hard() && !force ? rule.limit() : Long.MAX_VALUE);
            if (r == null) {
                for (Held h : held) {
                    ledger.release(h.reservation());
                }
                long spent = ledger.spent(scope);
                return new Hold(List.of(), rule, null, spent, amount);
            }
            held.add(new Held(rule, r));
            if (!rule.hard() && ledger.spent(scope) > rule.limit()) {
                softOver = rule;
            }
        }
        return new Hold(List.copyOf(held), null, softOver, 0, 0);
    }

    public void commit(Hold hold, long tokens, long costMicros) {
        for (Held h : hold.held()) {
            ledger.commit(h.reservation(), h.rule().unit() == BudgetUnit.TOKENS ? tokens : costMicros);
        }
    }

    public void release(Hold hold) {
        for (Held h : hold.held()) {
            ledger.release(h.reservation());
        }
    }

    public record Held(BudgetRule rule, Reservation reservation) {
    }

    /**
     * What a reservation got: the reservations held, and the hard rule that refused (then nothing is held) or the
     * soft rule that is over its limit.
     */
    public record Hold(List<Held> held, BudgetRule refusedBy, BudgetRule softExceeded, long spent, long requested) {

        static final Hold EMPTY = new Hold(List.of(), null, null, 0, 0);

        public boolean refused() {
            return refusedBy != null;
        }
    }
}
