package io.camelorchestration.budget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.camelorchestration.budget.BudgetScope;
import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.budget.internal.WriteBehindSettlements.Settlement;
import org.junit.jupiter.api.Test;

/**
 * Settlements leave the step at once and reach the store in batches; none is lost while the store is down, up to
 * the number kept.
 */
class WriteBehindSettlementsTest {

    private static final BudgetScope SCOPE = new BudgetScope("acme-*|tokens|day", "acme-eu", Instant.parse("2026-11-24T00:00:00Z"));

    /** A store that takes batches, or refuses them while it is down. */
    private static class Store implements WriteBehindSettlements.Writer {
        final List<List<Settlement>> batches = new CopyOnWriteArrayList<>();
        final AtomicBoolean down = new AtomicBoolean();

        @Override
        public void write(List<Settlement> batch) {
            if (down.get()) {
                throw new BudgetStoreException("budget store unreachable: connection refused", null);
            }
            batches.add(List.copyOf(batch));
        }

        long spent() {
            return batches.stream().flatMap(List::stream).mapToLong(Settlement::spent).sum();
        }

        int written() {
            return batches.stream().mapToInt(List::size).sum();
        }
    }

    private static Settlement spent(int i, long tokens) {
        return new Settlement("r-" + i, SCOPE, 100, tokens);
    }

    @Test
    void everySettlementAddedBeforeAFlushIsInTheStoreWhenItReturns() {
        Store store = new Store();
        try (WriteBehindSettlements settlements = new WriteBehindSettlements(store, 1000, TimeUnit.MILLISECONDS.toNanos(50))) {
            for (int i = 0; i < 300; i++) {
                settlements.add(spent(i, 10));
            }
            settlements.flush();
            assertThat(store.written()).isEqualTo(300);
            assertThat(store.spent()).isEqualTo(3000);
            assertThat(settlements.waiting()).isZero();
            assertThat(store.batches.size()).as("written in batches, not one by one").isLessThan(300);
        }
    }

    @Test
    void settlementsMadeWhileTheStoreIsDownAreWrittenWhenItIsBack() throws Exception {
        Store store = new Store();
        store.down.set(true);
        try (WriteBehindSettlements settlements = new WriteBehindSettlements(store, 1000, TimeUnit.MILLISECONDS.toNanos(20))) {
            for (int i = 0; i < 50; i++) {
                settlements.add(spent(i, 7));
            }
            assertThatThrownBy(settlements::flush).isInstanceOf(BudgetStoreException.class)
                    .hasMessageContaining("budget store unreachable");
            assertThat(settlements.waiting()).as("kept, not dropped").isEqualTo(50);
            assertThat(settlements.failures()).isPositive();

            store.down.set(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (settlements.waiting() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(settlements.waiting()).as("the writer retried by itself").isZero();
            assertThat(store.spent()).isEqualTo(350);
        }
    }

    @Test
    void pastTheNumberKeptASettlementFailsAtOnceAndIsNotCounted() {
        Store store = new Store();
        store.down.set(true);
        try (WriteBehindSettlements settlements = new WriteBehindSettlements(store, 10, TimeUnit.SECONDS.toNanos(60))) {
            for (int i = 0; i < 10; i++) {
                settlements.add(spent(i, 1));
            }
            assertThatThrownBy(() -> settlements.add(spent(11, 1))).isInstanceOf(BudgetStoreException.class)
                    .hasMessageContaining("10 settlements are already waiting");
            assertThat(settlements.waiting()).isEqualTo(10);
            store.down.set(false);
        }
        assertThat(store.written()).as("closing writes what was kept").isEqualTo(10);
    }

    @Test
    void aSlowStoreNeverHoldsBackTheThreadThatSettles() throws Exception {
        CountDownLatch storeStuck = new CountDownLatch(1);
        java.util.Set<Thread> writers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Store store = new Store() {
            @Override
            public void write(List<Settlement> batch) {
                writers.add(Thread.currentThread());
                try {
                    storeStuck.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.write(batch);
            }
        };
        int settled = 3 * WriteBehindSettlements.MAX_BATCH;
        try (WriteBehindSettlements settlements = new WriteBehindSettlements(store, 100_000, TimeUnit.MILLISECONDS.toNanos(20))) {
            // a delegate's completion thread, settling while the store takes its time
            Thread completion = new Thread(() -> {
                for (int i = 0; i < settled; i++) {
                    settlements.add(spent(i, 1));
                }
            });
            completion.start();
            completion.join(5_000);
            assertThat(completion.isAlive()).as("never waits for the store").isFalse();
            assertThat(settlements.waiting()).isEqualTo(settled);
            storeStuck.countDown();
            settlements.flush();
            assertThat(store.written()).isEqualTo(settled);
            assertThat(writers).as("only the writer's thread wrote").doesNotContain(completion)
                    .allSatisfy(t -> assertThat(t.getName()).isNotEqualTo(completion.getName()));
        }
    }

    @Test
    void afterCloseASettlementIsWrittenOnTheCallersThread() {
        Store store = new Store();
        WriteBehindSettlements settlements = new WriteBehindSettlements(store, 10, TimeUnit.MILLISECONDS.toNanos(20));
        settlements.add(spent(1, 5));
        settlements.close();
        assertThat(store.written()).isEqualTo(1);
        settlements.add(spent(2, 6));
        assertThat(store.written()).as("nobody is left to write it later").isEqualTo(2);
        store.down.set(true);
        assertThatThrownBy(() -> settlements.add(spent(3, 1))).isInstanceOf(BudgetStoreException.class);
    }
}
