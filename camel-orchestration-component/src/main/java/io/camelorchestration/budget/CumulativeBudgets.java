package io.camelorchestration.budget;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.budget.internal.StoreCalls;
import io.camelorchestration.catalog.Usd;
import io.camelorchestration.internal.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cumulative budgets a budget key draws on: reserves every matching rule before a step, settles them after.
 * Hard rules refuse the reservation; soft rules always take it and only report that they are over.
 * <p>
 * When the ledger's store cannot be reached, a matching hard rule follows the {@link BudgetStorePolicy}: closed
 * (the default) refuses the step as over budget, open lets the step go down the original path; a soft rule never
 * stops a step, so the step goes down the original path. A step that goes ahead that way holds no reservation: its
 * hold names the rules it ran {@link Hold#unbooked() unbooked} on, and its settlement journals the real spend as a
 * {@link PendingSettlements pending settlement}, booked when the store is back. A settlement the ledger refuses is
 * counted and dropped: the reservation expires in the store (the JDBC ledger keeps settlements while its store is
 * down and only refuses past its limit).
 */
public final class CumulativeBudgets {

    private static final Logger LOG = LoggerFactory.getLogger(CumulativeBudgets.class);

    private final BudgetRules rules;
    private final BudgetLedger ledger;
    private final Clock clock;
    private final BudgetStorePolicy storePolicy;
    private final AtomicLong storeFailures = new AtomicLong();
    private final RateLimitedLog warnings = RateLimitedLog.everyMinute(LOG);
    private volatile PendingSettlements pending;
    /** Null: the ledger is called on the step's thread, unbounded (the memory ledger never waits). */
    private volatile StoreCalls calls;

    public CumulativeBudgets(BudgetRules rules, BudgetLedger ledger, Clock clock) {
        this(rules, ledger, clock, BudgetStorePolicy.CLOSED);
    }

    public CumulativeBudgets(BudgetRules rules, BudgetLedger ledger, Clock clock, BudgetStorePolicy storePolicy) {
        this.rules = rules;
        this.ledger = ledger;
        this.clock = clock;
        this.storePolicy = storePolicy;
    }

    public BudgetStorePolicy storePolicy() {
        return storePolicy;
    }

    /** Ledger calls that could not reach the store. */
    public long storeFailures() {
        return storeFailures.get();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public BudgetLedger ledger() {
        return ledger;
    }

    /** Where steps that ran without a reservation keep their spend until the ledger books it; none: not booked. */
    public void pending(PendingSettlements p) {
        this.pending = p;
    }

    public PendingSettlements pending() {
        return pending;
    }

    /**
     * Makes reservations against the store off the step's thread, bounded in time (see {@link #offThread}): past the
     * bound the step follows the store policy at once. Zero or null: reservations are made on the step's thread,
     * unbounded (right for a ledger in memory). Call before the first reservation.
     */
    public void reserveTimeout(java.time.Duration timeout) {
        StoreCalls old = calls;
        calls = timeout == null || timeout.isZero() || timeout.isNegative() ? null : new StoreCalls(timeout);
        if (old != null) {
            old.close();
        }
    }

    /** Stops the threads that make and bound the store calls. */
    public void close() {
        StoreCalls c = calls;
        if (c != null) {
            c.close();
        }
    }

    /** Whether reservations are made off the step's thread, bounded in time (a reserve timeout is set). */
    public boolean answersLater() {
        return calls != null;
    }

    /** Whether reserving for this key asks a store that answers later (off the step's thread, bounded in time). */
    public boolean asksStoreLater(String key) {
        return calls != null && key != null && !rules.matching(key).isEmpty();
    }

    /**
     * Runs work that reserves (see {@link #asksStoreLater}) on the store's own threads, bounded by the reserve
     * timeout: the future fails with a {@link BudgetStoreException} past it, and {@code late} gets what the work
     * returns (or throws) after that, to give it back. Without a timeout the work runs here and now.
     */
    public <T> java.util.concurrent.CompletableFuture<T> offThread(java.util.function.Supplier<T> work,
            java.util.function.BiConsumer<? super T, ? super Throwable> late) {
        StoreCalls c = calls;
        if (c == null) {
            try {
                return java.util.concurrent.CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        }
        return c.call(work, late);
    }

    /**
     * Reserves the estimate on every rule matching the key. When a hard rule refuses, everything already held is
     * given back and the hold names that rule.
     */
    public Hold reserve(String key, long tokens, Usd cost) {
        return reserve(key, tokens, cost.micros(), false, null);
    }

    /**
     * What {@link #reserve} gives when the store did not answer in time ({@code unanswered} says why): the store
     * policy, without asking the store again.
     */
    public Hold reserveUnanswered(String key, long tokens, Usd cost, boolean overLimit,
            BudgetStoreException unanswered) {
        return reserve(key, tokens, cost.micros(), overLimit, unanswered);
    }

    /**
     * Reserves without enforcing the limits: a step that goes ahead over budget (degrade, fallback) is still booked,
     * so the ledger never undercounts what was spent.
     */
    public Hold reserveOverLimit(String key, long tokens, Usd cost) {
        return reserve(key, tokens, cost.micros(), true, null);
    }

    /** USD rules count micro-dollars in the ledger: the conversion is made once, here. */
    private Hold reserve(String key, long tokens, long costMicros, boolean force, BudgetStoreException unanswered) {
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
            try {
                if (unanswered != null) {
                    throw unanswered;
                }
                Reservation r = ledger.reserve(scope, amount, rule.hard() && !force ? rule.limit() : Long.MAX_VALUE);
                if (r == null) {
                    release(held);
                    long spent = ledger.spent(scope);
                    return new Hold(List.of(), rule, null, spent, amount, false, List.of(), null);
                }
                held.add(new Held(rule, r));
                if (!rule.hard() && (r.total() != Reservation.UNKNOWN ? r.total() : ledger.spent(scope)) > rule.limit()) {
                    softOver = rule;
                }
            } catch (BudgetStoreException e) {
                storeFailed(e);
                release(held);
                // whatever the step does now, it runs without a reservation: its spend is booked later
                List<Unbooked> unbooked = new ArrayList<>(matching.size());
                for (BudgetRule m : matching) {
                    unbooked.add(new Unbooked(m, new BudgetScope(m.id(), key, m.window().start(now))));
                }
                if (force) {
                    // the step goes ahead by its own policy (degrade, fallback)
                    return new Hold(List.of(), null, null, 0, 0, true, List.copyOf(unbooked),
                            writeAhead(unbooked, tokens, costMicros));
                }
                BudgetRule closed = storePolicy == BudgetStorePolicy.CLOSED
                        ? matching.stream().filter(BudgetRule::hard).findFirst().orElse(null) : null;
                if (closed != null) {
                    return new Hold(List.of(), closed, null, 0, closed.unit() == BudgetUnit.TOKENS ? tokens : costMicros, true,
                            List.of(), null);
                }
                throw new UnbookedStepException(e, new Hold(List.of(), null, null, 0, 0, true, List.copyOf(unbooked),
                        writeAhead(unbooked, tokens, costMicros)));
            }
        }
        return new Hold(List.copyOf(held), null, softOver, 0, 0, false, List.of(), null);
    }

    /**
     * Books the real spend in place of the hold's reservations. A hold that ran without reservations (the store was
     * down) has its spend journalled as a pending settlement instead, booked when the store is back.
     *
     * @return null when everything was held; else the pending settlement, whose id is null when it could not be
     *         kept (no journal, or the journal is full)
     */
    public PendingSettlement commit(Hold hold, long tokens, Usd cost) {
        long costMicros = cost.micros();
        for (Held h : hold.held()) {
            try {
                ledger.commit(h.reservation(), h.rule().unit() == BudgetUnit.TOKENS ? tokens : costMicros);
            } catch (BudgetStoreException e) {
                storeFailed(e);
            }
        }
        if (hold.unbooked().isEmpty()) {
            return null;
        }
        PendingSettlements p = pending;
        if (p == null) {
            return PendingSettlement.NOT_KEPT;
        }
        List<BudgetScope> scopes = scopes(hold.unbooked());
        long[] amounts = amounts(hold.unbooked(), tokens, costMicros);
        try {
            if (hold.pendingId() != null) {
                p.settle(hold.pendingId(), scopes, amounts);
                return new PendingSettlement(hold.pendingId());
            }
            String id = p.record(scopes, amounts);
            return id == null ? PendingSettlement.NOT_KEPT : new PendingSettlement(id);
        } catch (RuntimeException e) {
            // the journal's disk failed: the step keeps its answer, its spend is not kept
            LOG.warn("Pending budget settlement not journalled: {}", e.toString());
            return PendingSettlement.NOT_KEPT;
        }
    }

    public void release(Hold hold) {
        release(hold.held());
        PendingSettlements p = pending;
        if (hold.pendingId() != null && p != null) {
            try {
                p.cancel(hold.pendingId(), hold.unbooked().size());
            } catch (RuntimeException e) {
                LOG.warn("Pending budget settlement {} not cancelled: {}", hold.pendingId(), e.toString());
            }
        }
    }

    /**
     * Journals a step about to run unbooked at its estimate, before it calls (see {@link PendingSettlements}): what
     * is booked if this process dies while the model answers.
     */
    private String writeAhead(List<Unbooked> unbooked, long tokens, long costMicros) {
        PendingSettlements p = pending;
        if (p == null) {
            return null;
        }
        try {
            return p.recordAhead(scopes(unbooked), amounts(unbooked, tokens, costMicros));
        } catch (RuntimeException e) {
            // the journal's disk failed: the step's spend is journalled after its call, if it can be then
            LOG.warn("Pending budget settlement not journalled ahead: {}", e.toString());
            return null;
        }
    }

    private static List<BudgetScope> scopes(List<Unbooked> unbooked) {
        List<BudgetScope> scopes = new ArrayList<>(unbooked.size());
        for (Unbooked u : unbooked) {
            scopes.add(u.scope());
        }
        return scopes;
    }

    private static long[] amounts(List<Unbooked> unbooked, long tokens, long costMicros) {
        long[] amounts = new long[unbooked.size()];
        for (int i = 0; i < amounts.length; i++) {
            amounts[i] = unbooked.get(i).rule().unit() == BudgetUnit.TOKENS ? tokens : costMicros;
        }
        return amounts;
    }

    private void release(List<Held> held) {
        for (Held h : held) {
            try {
                ledger.release(h.reservation());
            } catch (BudgetStoreException e) {
                storeFailed(e);
            }
        }
    }

    private void storeFailed(BudgetStoreException e) {
        long n = storeFailures.incrementAndGet();
        warnings.warn("{} ({} budget store failures so far; hard budgets are {}; logged at most once a minute)", e.getMessage(), n, storePolicy.id());
    }

    public record Held(BudgetRule rule, Reservation reservation) {
    }

    /** A rule the step draws on but holds nothing of: the store was down when it reserved. */
    public record Unbooked(BudgetRule rule, BudgetScope scope) {
    }

    /** A step's spend kept to be booked later: {@code id} null when it could not be kept. */
    public record PendingSettlement(String id) {
        static final PendingSettlement NOT_KEPT = new PendingSettlement(null);

        public boolean kept() {
            return id != null;
        }
    }

    /**
     * What a reservation got: the reservations held, and the hard rule that refused (then nothing is held) or the
     * soft rule that is over its limit; {@code unbooked}: the rules the step draws on without a reservation, because
     * the store was down (its spend is journalled as a pending settlement when it settles).
     */
    public record Hold(List<Held> held, BudgetRule refusedBy, BudgetRule softExceeded, long spent, long requested,
            boolean storeUnreachable, List<Unbooked> unbooked, String pendingId) {

        static final Hold EMPTY = new Hold(List.of(), null, null, 0, 0, false, List.of(), null);

        public boolean refused() {
            return refusedBy != null;
        }
    }
}
