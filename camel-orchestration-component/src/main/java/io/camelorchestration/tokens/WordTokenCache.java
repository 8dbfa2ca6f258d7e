package io.camelorchestration.tokens;

import java.util.Arrays;

import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts a text word by word, keeping each word's count between calls: the words of real text repeat (Zipf), so
 * most of a document is counted by a table lookup, and only words not met before are given to the tokenizer.
 *
 * <p>Why the sum is exact: a word here runs from one cut to the next, and the cuts are the ones {@link TokenTally}
 * proves no pre-token of cl100k_base or o200k_base can straddle (before a space that follows a character that is
 * not white space; before a character that is neither white space nor '/' and follows a line break). BPE merges only
 * within pre-tokens, and each side of such a cut pre-tokenizes as it does within the whole text, so the count of the
 * text is the sum of its words' counts. This matters most for o200k_base, whose pre-tokenizer in jtokkit is a
 * {@code java.util.regex} pattern several times slower than the hand-written one of cl100k_base.
 *
 * <p>The table is direct-mapped and shared between threads without locks: an entry is an immutable record, so a
 * thread sees a whole entry or another one, and a lost race only means a word is tokenized once more. Words longer
 * than {@link #LONGEST_KEPT} characters are counted but not kept, so an odd document cannot fill the table with
 * blobs. Memory stays under a few megabytes.
 */
final class WordTokenCache {

    static final int LONGEST_KEPT = 32;
    // two ways per set: a common word is rarely pushed out by a rare one landing in its slot
    private static final int SLOTS = 1 << 16;

    private record Entry(char[] word, int hash, int count) {
    }

    private final TokenCounter counter;
    private final Encoding encoding;
    private final Entry[] table = new Entry[SLOTS];

    WordTokenCache(TokenCounter counter, Encoding encoding) {
        this.counter = counter;
        this.encoding = encoding;
    }

    /**
     * The encoding's count of {@code cs[from, to)}, a range that starts at a cut or at the text's start and ends at
     * a cut or at the text's end.
     */
    int count(char[] cs, int from, int to) {
        int total = 0;
        int start = from;
        int h = 0;
        char prev = 0;
        for (int p = from; p < to; p++) {
            char c = cs[p];
            if (p > start && (c == ' ' ? TokenTally.solid(prev) : prev == '\n' && c != '/' && TokenTally.solid(c))) {
                total += word(cs, start, p, h);
                start = p;
                h = 0;
            }
            h = 31 * h + c;
            prev = c;
        }
        return to > start ? total + word(cs, start, to, h) : total;
    }

    int count(String s) {
        char[] cs = s.toCharArray();
        return count(cs, 0, cs.length);
    }

    private int word(char[] cs, int from, int to, int h) {
        int len = to - from;
        if (len > LONGEST_KEPT) {
            return counter.tokenize(encoding, new String(cs, from, len));
        }
        h ^= h >>> 16;
        int slot = h & (SLOTS - 2);
        Entry[] t = table;
        Entry e = t[slot];
        if (e != null && e.hash == h && Arrays.equals(e.word, 0, e.word.length, cs, from, to)) {
            return e.count;
        }
        Entry other = t[slot + 1];
        if (other != null && other.hash == h && Arrays.equals(other.word, 0, other.word.length, cs, from, to)) {
            t[slot + 1] = e; // the one just used goes first
            t[slot] = other;
            return other.count;
        }
        char[] word = Arrays.copyOfRange(cs, from, to);
        int n = counter.tokenize(encoding, new String(word));
        t[slot + 1] = e;
        t[slot] = new Entry(word, h, n);
        return n;
    }
}
