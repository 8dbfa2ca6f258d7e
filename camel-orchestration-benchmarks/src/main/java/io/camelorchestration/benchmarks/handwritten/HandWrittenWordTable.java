package io.camelorchestration.benchmarks.handwritten;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts a text word by word, keeping each word's count between calls: the words of real text repeat (Zipf), so
 * most of a document is counted by a table lookup, and only words not met before are given to the tokenizer.
 *
 * <p>Why the sum is exact: BPE merges only within the pre-tokens the encoding's pattern cuts a text into, and the
 * pattern (no look-behind) starts afresh wherever a pre-token ends. So a text can be cut wherever no pre-token can
 * straddle the cut: each side then pre-tokenizes as it did within the whole, and the count of the text is the sum of
 * its words' counts. In cl100k_base and o200k_base a pre-token holds white space only at its start or when it is all
 * white space, and a line break only at its end (before a '/' too, in o200k_base) or among white space. No
 * pre-token therefore straddles
 * <ul>
 * <li>a space preceded by a character that is not white space, nor</li>
 * <li>a character that is neither white space nor '/' preceded by a line break: the white space alternatives reach
 * the last line break of a run whatever follows it, nor</li>
 * <li>an ASCII punctuation mark that follows an ASCII letter, unless it is an apostrophe in o200k_base: a
 * pre-token holding a letter is one of the letter alternatives, which end at the last letter (or mark, in
 * o200k_base) or, in o200k_base only, at a contraction starting with an apostrophe. cl100k_base matches its
 * contractions ('s, 't, ...) as pre-tokens of their own. This cut keeps " word," and " word" one entry apart, and
 * makes "self-made" two common words.</li>
 * <li>an ASCII letter that follows an ASCII punctuation mark that follows a space or another ASCII punctuation mark
 * but '/' (the {@code "} before {@code Hello} in {@code  "Hello}): no letter alternative can start at the space or
 * the first mark, as it takes one non-letter at most before its letters, so the pre-token that holds them runs over
 * the marks and ends before the letter ({@code  ?[^\s\p{L}\p{N}]+}). The white space alternatives stop before the
 * last space before a non-space, and a run of marks goes on over the next mark. Not after '/': in o200k_base a
 * line break and a '/' may end a run of marks ({@code [\r\n/]*}), and the next mark then opens the word, as it
 * does after a line break, a tab or a digit.</li>
 * </ul>
 * p50k_base and r50k_base have no line-break alternative (a run of line breaks ending a text pre-tokenizes
 * differently from the same run followed by a word), so their texts are counted whole, without this cache.
 *
 * <p>This matters most for o200k_base, whose pre-tokenizer in jtokkit is a {@code java.util.regex} pattern about
 * twice as slow as the hand-written one of cl100k_base.
 *
 * <p>The tables are two-way set-associative and shared between threads without locks: an entry is an immutable
 * record, or for a word of up to {@link #SHORT} ASCII characters a single long, so a thread sees a whole entry or
 * another one, and a lost race only means a word is tokenized once more. Words longer
 * than {@link #LONGEST_KEPT} characters are counted but not kept, so an odd document cannot fill the table with
 * blobs. Memory stays under a few megabytes.
 */
public final class HandWrittenWordTable {

    static final int LONGEST_KEPT = 32;
    /** Words up to this many characters are kept packed in their entry: a lookup then reads one object. */
    private static final int PACKED = 16;
    // two ways per set: a common word is rarely pushed out by a rare one landing in its slot
    private static final int SLOTS = 1 << 16;

    /**
     * A word of up to {@link #SHORT} ASCII characters (" the", ",", " said") and its count in one long: seven bits a
     * character, never 0, then the count. Such words are most of the lookups, and one long per word keeps their
     * table at 512 kB, small enough to stay in the processor's cache between documents. A long is read and written
     * whole, so threads share the table without locks, as they do the entries.
     */
    private static final int SHORT = 6;
    private static final int SHORT_SLOTS = 1 << 16;
    private static final int COUNT_SHIFT = 7 * SHORT;
    private static final long KEY_MASK = (1L << COUNT_SHIFT) - 1;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    /** A word and its count; its characters packed four to a long, or in {@code longer} past {@link #PACKED}. */
    private record Entry(int hash, int length, int count, long a, long b, long c, long d, char[] longer) {

        boolean is(int h, char[] cs, int from, int to, long wa, long wb, long wc, long wd) {
            if (hash != h || length != to - from) {
                return false;
            }
            return longer == null ? a == wa && b == wb && c == wc && d == wd
                    : Arrays.equals(longer, 0, length, cs, from, to);
        }
    }

    private final HandWrittenTokenCounter counter;
    private final Encoding encoding;
    /** cl100k_base: an apostrophe after a letter starts a pre-token (a contraction, or a mark and letters). */
    private final boolean apostropheEndsWord;
    private final Entry[] table = new Entry[SLOTS];
    private final long[] shortWords = new long[SHORT_SLOTS];

    HandWrittenWordTable(HandWrittenTokenCounter counter, Encoding encoding) {
        this.counter = counter;
        this.encoding = encoding;
        this.apostropheEndsWord = "cl100k_base".equals(encoding.getName());
    }

    /**
     * The encoding's count of {@code cs[from, to)}, a range that starts at a cut or at the text's start and ends at
     * a cut or at the text's end.
     */
    int count(char[] cs, int from, int to) {
        int total = 0;
        int start = from;
        char prev = 0;
        char beforePrev = 0;
        for (int p = from; p < to; p++) {
            char c = cs[p];
            if (p > start && (c == ' ' ? solid(prev)
                    : prev == '\n' ? c != '/' && solid(c)
                    : asciiLetter(prev) ? mark(c) && (c != '\'' || apostropheEndsWord)
                    : asciiLetter(c) && mark(prev) && (beforePrev == ' ' || beforePrev != '/' && mark(beforePrev)))) {
                total += word(cs, start, p);
                start = p;
            }
            beforePrev = prev;
            prev = c;
        }
        return to > start ? total + word(cs, start, to) : total;
    }

    public int count(String s) {
        char[] cs = s.toCharArray();
        return count(cs, 0, cs.length);
    }

    private int word(char[] cs, int from, int to) {
        int len = to - from;
        if (len <= SHORT) {
            long key = shortKey(cs, from, to);
            if (key != 0) {
                return shortWord(key, cs, from, len);
            }
        }
        if (len > LONGEST_KEPT) {
            return counter.tokenize(encoding, new String(cs, from, len));
        }
        long a = pack(cs, from, to);
        long b = pack(cs, from + 4, to);
        long c = pack(cs, from + 8, to);
        long d = pack(cs, from + 12, to);
        long mixed = (a * 0x9E3779B97F4A7C15L + b) * 0x9E3779B97F4A7C15L + c;
        mixed = (mixed * 0x9E3779B97F4A7C15L + d) * 0x9E3779B97F4A7C15L + len;
        if (len > PACKED) {
            for (int i = from + PACKED; i < to; i++) {
                mixed = mixed * 31 + cs[i];
            }
        }
        int h = (int) (mixed ^ (mixed >>> 32));
        h ^= h >>> 16;
        int slot = h & (SLOTS - 2);
        Entry[] t = table;
        Entry e = t[slot];
        if (e != null && e.is(h, cs, from, to, a, b, c, d)) {
            return e.count;
        }
        Entry other = t[slot + 1];
        if (other != null && other.is(h, cs, from, to, a, b, c, d)) {
            t[slot + 1] = e; // the one just used goes first
            t[slot] = other;
            return other.count;
        }
        String word = new String(cs, from, len);
        int n = counter.tokenize(encoding, word);
        t[slot + 1] = e;
        t[slot] = new Entry(h, len, n, a, b, c, d, len > PACKED ? word.toCharArray() : null);
        return n;
    }

    /** The word packed seven bits a character, or 0 when a character is not ASCII or is NUL. */
    private static long shortKey(char[] cs, int from, int to) {
        long key = 0;
        for (int i = from; i < to; i++) {
            char c = cs[i];
            if (c == 0 || c >= 0x80) {
                return 0;
            }
            key = key << 7 | c;
        }
        return key;
    }

    private int shortWord(long key, char[] cs, int from, int len) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        int slot = (int) (mixed >>> 40) & (SHORT_SLOTS - 2);
        long[] t = shortWords;
        long first = (long) LONGS.getOpaque(t, slot);
        if ((first & KEY_MASK) == key) {
            return (int) (first >>> COUNT_SHIFT);
        }
        long second = (long) LONGS.getOpaque(t, slot + 1);
        if ((second & KEY_MASK) == key) {
            LONGS.setOpaque(t, slot + 1, first); // the one just used goes first
            LONGS.setOpaque(t, slot, second);
            return (int) (second >>> COUNT_SHIFT);
        }
        int n = counter.tokenize(encoding, new String(cs, from, len));
        LONGS.setOpaque(t, slot + 1, first);
        LONGS.setOpaque(t, slot, key | (long) n << COUNT_SHIFT);
        return n;
    }

    /** Never white space, whatever the pattern's flags: printable ASCII but the space, a letter or digit. */
    private static boolean solid(char c) {
        return c > ' ' && c < 0x7F || Character.isLetterOrDigit(c);
    }

    private static boolean asciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    /** An ASCII punctuation mark: printable, not a space, letter or digit. */
    private static boolean mark(char c) {
        return c > ' ' && c < 0x7F && !asciiLetter(c) && (c < '0' || c > '9');
    }

    /** Up to four characters from {@code at} (fewer at the word's end), sixteen bits each. */
    private static long pack(char[] cs, int at, int to) {
        long v = 0;
        for (int i = Math.min(at + 4, to) - 1; i >= at; i--) {
            v = v << 16 | cs[i];
        }
        return v;
    }
}
