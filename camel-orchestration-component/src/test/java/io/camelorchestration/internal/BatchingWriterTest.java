package io.camelorchestration.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Items leave the thread that adds them at once and reach a database in batches, written by one named thread; a
 * batch that fails is kept and retried after a pause that grows; nothing is lost while the database is down, up to
 * the capacity; closing writes what is left the way the writer was told to.
 */
class BatchingWriterTest {

    /** A database that takes batches, or refuses them while it is down, and remembers who wrote and when. */
    private static class Database implements BatchingWriter.Batch<Integer> {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final List<Long> attempts = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicBoolean down = new AtomicBoolean();

        @Override
        public void write(List<Integer> batch) {
            attempts.add(System.nanoTime());
            threads.add(Thread.currentThread().getName());
            if (down.get()) {
                throw new IllegalStateException("connection refused");
            }
            batches.add(List.copyOf(batch));
        }

        List<Integer> written() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }

    private static List<Integer> upTo(int n) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return items;
    }

    @Test
    void itemsAreWrittenInBatchesByTheNamedThreadInTheOrderAdded() throws Exception {
        Database db = new Database();
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 10_000, 100, db)
                .linger(Duration.ofMillis(2)).backoff(Duration.ofMillis(10), Duration.ofMillis(10));
        upTo(1_000).forEach(writer::add);
        await(() -> writer.waiting() == 0);

        assertThat(db.written()).isEqualTo(upTo(1_000));
        assertThat(db.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(100));
        assertThat(db.batches.size()).as("in batches, not one by one").isLessThan(1_000);
        assertThat(db.threads).containsOnly("test-writer");
        assertThat(writer.close()).isTrue();
    }

    @Test
    void aFailedBatchIsKeptAndRetriedAfterAPauseThatDoublesUpToTheLongest() throws Exception {
        Database db = new Database();
        db.down.set(true);
        List<Throwable> told = new CopyOnWriteArrayList<>();
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 100, 10, db)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(80)).onFailure(told::add);
        writer.add(1);
        await(() -> db.attempts.size() >= 6);

        assertThat(writer.waiting()).as("kept, not dropped").isEqualTo(1);
        assertThat(writer.failures()).isGreaterThanOrEqualTo(6);
        assertThat(told).isNotEmpty().allSatisfy(e -> assertThat(e).hasMessage("connection refused"));
        List<Long> at = db.attempts;
        long[] atLeastMs = { 20, 40, 80, 80, 80 };
        for (int i = 0; i < atLeastMs.length; i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(i + 1) - at.get(i))).as("pause before attempt %d", i + 2)
                    .isGreaterThanOrEqualTo(atLeastMs[i] - 1);
        }

        db.down.set(false);
        await(() -> writer.waiting() == 0);
        assertThat(db.written()).containsExactly(1);
        writer.close();
    }

    @Test
    void retryNowDoesNotWaitForTheRestOfThePause() throws Exception {
        Database db = new Database();
        db.down.set(true);
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 100, 10, db)
                .backoff(Duration.ofMinutes(1), Duration.ofMinutes(1));
        writer.add(1);
        await(() -> writer.failures() == 1);
        db.down.set(false);
        writer.retryNow();
        await(() -> writer.waiting() == 0);
        writer.close();
    }

    @Test
    void aFlushWritesOnTheCallersThreadWhateverThePauseAndSaysWhyNot() {
        Database db = new Database();
        db.down.set(true);
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 100, 10, db)
                .backoff(Duration.ofMinutes(1), Duration.ofMinutes(1));
        upTo(25).forEach(writer::add);
        assertThat(writer.flush()).hasMessage("connection refused");
        assertThat(writer.waiting()).isEqualTo(25);

        db.down.set(false);
        assertThat(writer.flush()).as("written, though a minute's pause was asked").isNull();
        assertThat(db.written()).containsExactlyInAnyOrderElementsOf(upTo(25));
        assertThat(writer.waiting()).isZero();
        writer.close();
    }

    @Test
    void pastTheCapacityAnItemIsRefusedAndAKeptBatchCountsByDefault() throws Exception {
        Database db = new Database();
        db.down.set(true);
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 10, 4, db)
                .backoff(Duration.ofMinutes(1), Duration.ofMinutes(1));
        writer.add(0);
        await(() -> writer.failures() == 1);
        for (int i = 1; i < 10; i++) {
            assertThat(writer.add(i)).isTrue();
        }
        assertThat(writer.add(10)).as("the kept batch still counts: 10 wait").isFalse();
        assertThat(writer.waiting()).isEqualTo(10);

        db.down.set(false);
        assertThat(writer.flush()).isNull();
        assertThat(db.batches.get(0)).as("the kept batch was topped up from the queue").containsExactly(0, 1, 2, 3);
        assertThat(db.written()).containsExactlyInAnyOrderElementsOf(upTo(10));
        writer.close();
    }

    @Test
    void boundingTheQueueOnlyABatchTakenOutFreesRoomAndIsRetriedAsItWas() throws Exception {
        Database db = new Database();
        db.down.set(true);
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 10, 4, db)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(50)).boundQueuedOnly();
        writer.add(0);
        await(() -> writer.failures() >= 1);
        for (int i = 1; i <= 10; i++) {
            assertThat(writer.add(i)).as("item %d", i).isTrue();
        }
        assertThat(writer.add(11)).as("the queue holds 10").isFalse();
        assertThat(writer.waiting()).as("queued and the batch taken out").isEqualTo(11);

        db.down.set(false);
        await(() -> writer.waiting() == 0);
        assertThat(db.batches.get(0)).as("retried as it was").containsExactly(0);
        assertThat(db.written()).isEqualTo(upTo(11));
        writer.close();
    }

    @Test
    void closingStopsTheThreadAndLeavesTheRestToTheCaller() {
        Database db = new Database();
        db.down.set(true);
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 100, 10, db)
                .backoff(Duration.ofMinutes(1), Duration.ofMinutes(1));
        writer.add(1);
        assertThat(writer.close()).isTrue();
        assertThat(writer.isClosed()).isTrue();
        assertThat(writer.waiting()).as("the thread stopped without writing it").isEqualTo(1);

        db.down.set(false);
        db.threads.clear();
        writer.add(2);
        assertThat(writer.waiting()).as("nobody writes it but a flush").isEqualTo(2);
        assertThat(writer.flush()).isNull();
        assertThat(db.written()).containsExactlyInAnyOrder(1, 2);
        assertThat(db.threads).as("the closer wrote them").containsOnly(Thread.currentThread().getName());
    }

    @Test
    void drainingOnCloseTheThreadKeepsRetryingUntilAllIsWritten() throws Exception {
        Database db = new Database();
        db.down.set(true);
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 100, 10, db)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(20)).drainOnClose(Duration.ofSeconds(10));
        upTo(30).forEach(writer::add);
        await(() -> writer.failures() >= 1);
        Thread back = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            db.down.set(false);
        });
        back.start();

        assertThat(writer.close()).isTrue();
        assertThat(writer.waiting()).isZero();
        assertThat(db.written()).isEqualTo(upTo(30));
        assertThat(db.threads).containsOnly("test-writer");
    }

    @Test
    void drainingOnCloseTheThreadIsInterruptedWhenItsTimeIsUp() throws Exception {
        Database db = new Database();
        db.down.set(true);
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 100, 10, db)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(10)).drainOnClose(Duration.ofMillis(200));
        writer.add(1);
        await(() -> writer.failures() >= 1);
        Thread thread = writer.start();

        long t0 = System.nanoTime();
        assertThat(writer.close()).as("not all written").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(199);
        assertThat(thread.isAlive()).isFalse();
        assertThat(writer.waiting()).as("still counted, for the caller to say").isEqualTo(1);
    }

    @Test
    void aBacklogIsWrittenBeforeTheQueueAndUntilItIsEmpty() throws Exception {
        Database db = new Database();
        CountDownLatch queued = new CountDownLatch(1);
        List<List<Integer>> left = new ArrayList<>(List.of(List.of(100, 101), List.of(102)));
        BatchingWriter<Integer> writer = new BatchingWriter<>("test-writer", 100, 10, db)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(10)).boundQueuedOnly()
                .backlog(() -> {
                    try {
                        queued.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return left.isEmpty() ? List.of() : left.remove(0);
                });
        writer.start();
        writer.add(1);
        queued.countDown();
        await(() -> db.written().size() == 4);

        assertThat(db.batches).containsExactly(List.of(100, 101), List.of(102), List.of(1));
        assertThat(writer.waiting()).isZero();
        writer.close();
    }

    @Test
    void theWriterOutlivesAnErrorFromTheDatabase() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        BatchingWriter<Integer> writer = new BatchingWriter<Integer>("test-writer", 100, 10, batch -> {
            if (broken.getAndSet(false)) {
                // what some drivers raise under -ea when a connection dies mid-batch
                throw new AssertionError("connection reset");
            }
            batches.add(List.copyOf(batch));
        }).backoff(Duration.ofMillis(10), Duration.ofMillis(10));
        writer.add(1);
        await(() -> writer.waiting() == 0);
        assertThat(writer.failures()).isEqualTo(1);
        assertThat(batches).containsExactly(List.of(1));
        writer.close();
    }
}
