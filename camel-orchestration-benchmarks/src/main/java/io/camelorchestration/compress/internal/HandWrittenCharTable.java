package io.camelorchestration.compress.internal;

import java.util.Arrays;

/** The home-made word table of before issue 15, for {@link HandWrittenTerms}; see there. */
final class HandWrittenCharTable {

    private char[] pool = new char[1024];
    private int poolSize;
    private int[] offsets = new int[256];
    private int[] lengths = new int[256];
    private int[] slots = new int[512]; // id + 1, 0 = empty
    private int size;

    static HandWrittenCharTable of(Iterable<String> words) {
        HandWrittenCharTable t = new HandWrittenCharTable();
        for (String w : words) {
            t.id(w.toCharArray(), w.length(), true);
        }
        return t;
    }

    int size() {
        return size;
    }

    boolean contains(char[] buf, int len) {
        return id(buf, len, false) >= 0;
    }

    /** {@code h} is {@link #hash(char[], int)} of the word: a word looked up in several tables is hashed once. */
    boolean contains(char[] buf, int len, int h) {
        return id(buf, len, h, false) >= 0;
    }

    /** The word's id, added when {@code learn} and new; -1 when not known and not learnt. */
    int id(char[] buf, int len, boolean learn) {
        return id(buf, len, hash(buf, len), learn);
    }

    int id(char[] buf, int len, int h, boolean learn) {
        int mask = slots.length - 1;
        int i = h & mask;
        while (slots[i] != 0) {
            int id = slots[i] - 1;
            if (lengths[id] == len && Arrays.equals(pool, offsets[id], offsets[id] + len, buf, 0, len)) {
                return id;
            }
            i = (i + 1) & mask;
        }
        if (!learn) {
            return -1;
        }
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        if (poolSize + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        }
        System.arraycopy(buf, 0, pool, poolSize, len);
        offsets[size] = poolSize;
        lengths[size] = len;
        poolSize += len;
        slots[i] = size + 1;
        size++;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int i = hash(pool, offsets[id], lengths[id]) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = id + 1;
        }
    }

    static int hash(char[] buf, int len) {
        return hash(buf, 0, len);
    }

    private static int hash(char[] buf, int from, int len) {
        int h = 0;
        for (int k = from; k < from + len; k++) {
            h = 31 * h + buf[k];
        }
        return mix(h);
    }

    /** {@link #hash(char[], int)} of a word from its polynomial {@code h = 31 * h + c}, for callers that have it. */
    static int mix(int h) {
        return h ^ (h >>> 16);
    }
}
