package io.camelorchestration.tokens;

import java.util.Arrays;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts a text and texts made of its sentences (its compressed form) while tokenizing each distinct piece once.
 * Each text is cut into pieces, each piece is tokenized unless an equal piece was, and the count is the sum.
 *
 * <p>Why the sum is exact: BPE merges only within the pre-tokens the encoding's pattern cuts a text into, and the
 * pattern (no look-behind) starts afresh wherever a pre-token ends. So a text can be cut wherever no pre-token can
 * straddle the cut: each side then pre-tokenizes as it did within the whole. In cl100k_base and o200k_base a
 * pre-token holds white space only at its start or when it is all white space, and a line break only at its end
 * (before a '/' too, in o200k_base) or among white space. No pre-token therefore straddles
 * <ul>
 * <li>a space preceded by a character that is not white space, nor</li>
 * <li>a character that is neither white space nor '/' preceded by a line break: the white space alternatives
 * reach the last line break of a run whatever follows it.</li>
 * </ul>
 * p50k_base and r50k_base have no line-break alternative (a run of line breaks ending a text pre-tokenizes
 * differently from the same run followed by a word), so their texts are counted whole.
 *
 * <p>Texts are cut at sentence ends and line starts, and each sentence again after its first word and before its
 * last: a kept sentence that gets a new neighbour in the compressed text (it now ends a paragraph, or opens one)
 * differs from the original piece only in that word, so only that word is tokenized again.
 *
 * <p>For the texts of one call: it keeps every piece it has counted. Not thread-safe.
 */
public final class TokenTally {

    private final TokenCounter counter;
    private final String encodingName;
    private final Encoding encoding;
    private final boolean cuts;

    // every piece tokenized so far, as a range of the text it came from, found again by content through slots
    // (open addressing: piece id + 1, 0 empty)
    private int[] slots = new int[1024];
    private String[] sources = new String[512];
    private int[] starts = new int[512];
    private int[] ends = new int[512];
    private int[] hashes = new int[512];
    private int[] counts = new int[512];
    private int size;

    TokenTally(TokenCounter counter, String encodingName) {
        this.counter = counter;
        this.encodingName = encodingName;
        this.encoding = counter.encoding(encodingName);
        String name = encoding.getName();
        this.cuts = EncodingType.CL100K_BASE.getName().equals(name) || EncodingType.O200K_BASE.getName().equals(name);
    }

    /** The same figure as {@link TokenCounter#count(CharSequence, String)}. */
    public int count(CharSequence text) {
        if (text == null || text.length() == 0) {
            return 0;
        }
        if (!cuts || text.length() > TokenCounter.EXACT_LIMIT_CHARS) {
            return counter.count(text, encodingName);
        }
        String s = text.toString();
        int n = s.length();
        int total = 0;
        int start = 0;
        int firstWord = -1;
        int lastWord = -1;
        char prev = s.charAt(0);
        for (int p = 1; p < n; p++) {
            char c = s.charAt(p);
            if (c == ' ' ? solid(prev) : prev == '\n' && solid(c) && c != '/') {
                if (c != ' ' || endsSentence(prev)) {
                    total += sentence(s, start, p, firstWord, lastWord);
                    start = p;
                    firstWord = -1;
                    lastWord = -1;
                } else {
                    firstWord = firstWord < 0 ? p : firstWord;
                    lastWord = p;
                }
            }
            prev = c;
        }
        return total + sentence(s, start, n, firstWord, lastWord);
    }

    /** A sentence as its first word, its middle and its last word (the cuts before them, -1 when none). */
    private int sentence(String s, int from, int to, int firstWord, int lastWord) {
        if (firstWord < 0) {
            return piece(s, from, to);
        }
        if (firstWord == lastWord) {
            return piece(s, from, firstWord) + piece(s, firstWord, to);
        }
        return piece(s, from, firstWord) + piece(s, firstWord, lastWord) + piece(s, lastWord, to);
    }

    private int piece(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        h ^= h >>> 16;
        int mask = slots.length - 1;
        int slot = h & mask;
        int len = to - from;
        for (int id; (id = slots[slot] - 1) >= 0; slot = (slot + 1) & mask) {
            if (hashes[id] == h && ends[id] - starts[id] == len && s.regionMatches(from, sources[id], starts[id], len)) {
                return counts[id];
            }
        }
        int count = counter.tokenize(encoding, s.substring(from, to));
        if (size == sources.length) {
            int grown = size * 2;
            sources = Arrays.copyOf(sources, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            hashes = Arrays.copyOf(hashes, grown);
            counts = Arrays.copyOf(counts, grown);
        }
        sources[size] = s;
        starts[size] = from;
        ends[size] = to;
        hashes[size] = h;
        counts[size] = count;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return count;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = hashes[id] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    /** Never white space, whatever the pattern's flags: printable ASCII but the space, a letter or digit. */
    private static boolean solid(char c) {
        return c > ' ' && c < 0x7F || Character.isLetterOrDigit(c);
    }

    /** Characters that close a sentence; all {@link #solid(char)}. */
    private static boolean endsSentence(char c) {
        return c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D'
                || c == '\u2019';
    }
}
