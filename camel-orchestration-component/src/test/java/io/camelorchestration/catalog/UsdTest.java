package io.camelorchestration.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Money as the engine keeps it: exact sums, one rounding into the ledger's micro-dollars. */
class UsdTest {

    @Test
    void aMillionStepsOfATenthOfAMicroDollarAddUpExactly() {
        Usd step = Usd.of(0.0000001); // 1 token of gpt-4.1-nano input
        Usd total = Usd.ZERO;
        for (int i = 0; i < 1_000_000; i++) {
            total = total.plus(step);
        }
        assertThat(total).isEqualTo(Usd.of(0.1));
        assertThat(total.toString()).isEqualTo("0.1 USD");
    }

    @Test
    void theLedgerBooksMicroDollarsRoundedHalfUp() {
        assertThat(Usd.of(0.0000015).micros()).isEqualTo(2);
        assertThat(Usd.of(0.0000014).micros()).isEqualTo(1);
        assertThat(Usd.ofMicros(1_250_000).doubleValue()).isEqualTo(1.25);
    }

    @Test
    void savingsNeverGoBelowZero() {
        assertThat(Usd.of(0.01).minus(Usd.of(0.02)).atLeastZero()).isEqualTo(Usd.ZERO);
        assertThat(Usd.of(0.02).minus(Usd.of(0.01))).isEqualTo(Usd.of(0.01));
    }

    @Test
    void notANumberIsNoAmount() {
        assertThatThrownBy(() -> Usd.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }
}
