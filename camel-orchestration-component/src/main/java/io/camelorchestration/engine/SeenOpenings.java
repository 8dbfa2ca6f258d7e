package io.camelorchestration.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The openings of the prompts a step sent lately, as a provider's prompt cache would hold them: how much of a new
 * prompt's opening was sent before, within the cache's lifetime. Keeps 64-bit hashes of openings cut every
 * {@value #BLOCK_CHARS} characters, never text. Bounded (least recently seen forgotten first) and thread-safe. Only
 * {@link CacheAwareCompression} keeps them.
 */
final class SeenOpenings {

    /** Openings are compared in blocks of this many characters (about 30 tokens, finer than a provider's 128). */
    static final int BLOCK_CHARS = 128;
    /** Openings past this length are not recorded: about 128k tokens, beyond what a step's prompt usually opens with. */
    static final int MAX_BLOCKS = 4_096;
    /** OpenAI keeps a cached prefix 5 to 10 minutes after its last use, Anthropic 5 by default: the shorter. */
    static final long DEFAULT_TTL_NANOS = 5L * 60 * 1_000_000_000L;
    static final int DEFAULT_MAX_ENTRIES = 8_192;

    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<Long, Long> lastSeen;

    SeenOpenings() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_TTL_NANOS, System::nanoTime);
    }

    SeenOpenings(int maxEntries, long ttlNanos, LongSupplier clock) {
        this.maxEntries = maxEntries;
        this.ttlNanos = ttlNanos;
        this.clock = clock;
        this.lastSeen = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > SeenOpenings.this.maxEntries;
            }
        };
    }

    /** Characters of the longest opening of {@code text} (a multiple of {@value #BLOCK_CHARS}) seen lately; 0 if none. */
    int longestSeen(String text) {
        long[] h = hashes(text);
        synchronized (lastSeen) {
            return longestSeen(h, clock.getAsLong());
        }
    }

    /** Records the openings of a prompt that is sent (or, for the other choice, would have been). */
    void add(String text) {
        long[] h = hashes(text);
        synchronized (lastSeen) {
            add(h, clock.getAsLong());
        }
    }

    /** {@link #longestSeen} and then {@link #add}, hashing the text once: what a step does with each message. */
    int longestSeenThenAdd(String text) {
        long[] h = hashes(text);
        long now = clock.getAsLong();
        synchronized (lastSeen) {
            int longest = longestSeen(h, now);
            add(h, now);
            return longest;
        }
    }

    private int longestSeen(long[] h, long now) {
        for (int k = h.length - 1; k >= 0; k--) {
            Long t = lastSeen.get(h[k]);
            if (t != null && now - t <= ttlNanos) {
                return (k + 1) * BLOCK_CHARS;
            }
        }
        return 0;
    }

    private void add(long[] h, long now) {
        for (long x : h) {
            lastSeen.put(x, now);
        }
    }

    int size() {
        synchronized (lastSeen) {
            return lastSeen.size();
        }
    }

    /** FNV-1a over the text, taken at the end of every whole block: the hash of each opening. */
    private static long[] hashes(String text) {
        int blocks = Math.min(MAX_BLOCKS, text.length() / BLOCK_CHARS);
        long[] out = new long[blocks];
        long h = 0xcbf29ce484222325L;
        for (int b = 0; b < blocks; b++) {
            for (int i = b * BLOCK_CHARS, end = i + BLOCK_CHARS; i < end; i++) {
                h ^= text.charAt(i);
                h *= 0x100000001b3L;
            }
            out[b] = h;
        }
        return out;
    }
}
