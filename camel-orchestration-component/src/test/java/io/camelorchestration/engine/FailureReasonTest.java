package io.camelorchestration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;

import io.camelorchestration.budget.BudgetStoreException;
import org.junit.jupiter.api.Test;

/** The reason a step gives when the pipeline itself failed: the exception's class, never its message. */
class FailureReasonTest {

    @Test
    void aReasonNamesTheExceptionsClassAndNotItsMessage() {
        IllegalStateException e = new IllegalStateException("Unexpected character at 'card 4111 1111 1111 1111'");

        assertThat(FailureReason.beforeTheCall(e))
                .isEqualTo("orchestration failed before the call (java.lang.IllegalStateException)");
        assertThat(FailureReason.afterTheCall(e))
                .isEqualTo("orchestration failed after the call (java.lang.IllegalStateException)");
        assertThat(FailureReason.describe(e)).doesNotContain("4111");
    }

    @Test
    void anUnreachableBudgetStoreIsSaidWhereverItIsInTheCauses() {
        BudgetStoreException store = new BudgetStoreException("jdbc:postgresql://db/ledger?password=x", null);
        RuntimeException wrapped = new RuntimeException("wrapper", new UncheckedIOException("io",
                new java.io.IOException("inner", store)));

        assertThat(FailureReason.describe(wrapped))
                .isEqualTo("budget store unreachable; " + BudgetStoreException.class.getName());
        assertThat(FailureReason.beforeTheCall(store)).doesNotContain("password");
    }
}
