package io.camelorchestration.budget;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token budget shared by the steps of one workflow execution: reserve the estimate before the call, settle with
 * the real usage after it. Lock-free and exact under concurrent steps (multicast, split in parallel).
 */
public final class TokenBudget {

    private final long limit;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong reserved = new AtomicLong();

    /** @param limit tokens; 0 means unlimited */
    public TokenBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("budget must not be negative: " + limit);
        }
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    public boolean unlimited() {
        return limit == 0;
    }

    /** @return true when reserved; false, and nothing reserved, when it would pass the limit */
    public boolean tryReserve(long tokens) {
        if (unlimited()) {
            reserved.addAndGet(tokens);
            return true;
        }
        while (true) {
            long r = reserved.get();
            if (committed.get() + r + tokens > limit) {
                return false;
            }
            if (reserved.compareAndSet(r, r + tokens)) {
                return true;
            }
        }
    }

    /** Reserves whatever the limit says: for steps that go ahead over budget and must still be booked. */
    public void reserveOverLimit(long tokens) {
        reserved.addAndGet(tokens);
    }

    /** Replaces a reservation with the real usage, which may be more or less than reserved. */
    public void settle(long reservedTokens, long usedTokens) {
        committed.addAndGet(usedTokens);
        reserved.addAndGet(-reservedTokens);
    }

    public void release(long reservedTokens) {
        reserved.addAndGet(-reservedTokens);
    }

    public long used() {
        return committed.get();
    }

    public long reserved() {
        return reserved.get();
    }

    /** Used over limit; 0 when unlimited. */
    public double utilization() {
        return unlimited() ? 0 : (double) committed.get() / limit;
    }
}
