package io.camelorchestration.classify;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.camelorchestration.classify.internal.TextHash;

/**
 * Classifications of per-message instructions, remembered by a fingerprint of the text ({@link TextHash}), never the
 * text itself: an instruction header can carry anything a user wrote. Bounded, least recently and frequently used
 * first out, shared by the steps of one component.
 */
public final class ClassificationMemo {

    /** Distinct instructions remembered; about 200 bytes each. */
    public static final int DEFAULT_SIZE = 4_096;

    private final Cache<Key, Classification> cache;
    private final AtomicLong steps = new AtomicLong();

    public ClassificationMemo() {
        this(DEFAULT_SIZE);
    }

    public ClassificationMemo(int size) {
        // executor: eviction on the caller's thread, not ForkJoinPool's common pool
        this.cache = Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
    }

    /** A number that tells one step's entries from another's: the same words classify differently per step id. */
    long newStep() {
        return steps.incrementAndGet();
    }

    Classification get(long step, String instruction, boolean arrayBody, Supplier<Classification> classify) {
        TextHash h = TextHash.of(instruction);
        return cache.get(new Key(step, h.high(), h.low(), arrayBody), k -> classify.get());
    }

    /** Entries held now (for tests and the benchmark). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private record Key(long step, long high, long low, boolean arrayBody) {
    }
}
