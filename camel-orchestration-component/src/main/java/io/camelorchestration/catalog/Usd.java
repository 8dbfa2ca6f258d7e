package io.camelorchestration.catalog;

import java.math.BigDecimal;

/**
 * An amount of US dollars, kept in nano-dollars so that sums over millions of steps stay exact. The one money type:
 * what a step cost or saved, what a plan reserves, what totals add. Prices (USD per million tokens) stay rates in the
 * catalog; a rate times tokens becomes a {@code Usd} where it is kept. A ledger stores micro-dollars ({@link #micros()}):
 * its column type, not a second money type.
 */
public record Usd(long nanos) implements Comparable<Usd> {

    public static final Usd ZERO = new Usd(0);

    private static final double NANOS_PER_USD = 1e9;
    private static final long NANOS_PER_MICRO = 1_000;

    /** Rounded to the nearest nano-dollar. */
    public static Usd of(double usd) {
        if (Double.isNaN(usd) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("not an amount of USD: " + usd);
        }
        return usd == 0 ? ZERO : new Usd(Math.round(usd * NANOS_PER_USD));
    }

    public static Usd ofMicros(long micros) {
        return micros == 0 ? ZERO : new Usd(Math.multiplyExact(micros, NANOS_PER_MICRO));
    }

    public Usd plus(Usd other) {
        return other.nanos == 0 ? this : new Usd(Math.addExact(nanos, other.nanos));
    }

    public Usd minus(Usd other) {
        return other.nanos == 0 ? this : new Usd(Math.subtractExact(nanos, other.nanos));
    }

    /** This, or zero where it is below zero. */
    public Usd atLeastZero() {
        return nanos < 0 ? ZERO : this;
    }

    /** Micro-dollars, rounded half up: what a budget ledger books. */
    public long micros() {
        return Math.floorDiv(nanos + NANOS_PER_MICRO / 2, NANOS_PER_MICRO);
    }

    /** For meters, headers and JSON, which carry dollars as numbers. */
    public double doubleValue() {
        return nanos / NANOS_PER_USD;
    }

    public boolean isPositive() {
        return nanos > 0;
    }

    @Override
    public int compareTo(Usd o) {
        return Long.compare(nanos, o.nanos);
    }

    @Override
    public String toString() {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + " USD";
    }
}
