package io.camelorchestration.tokens;

import java.util.Arrays;


/**
 * Counts a text and texts made of its sentences (its compressed form) while tokenizing each piece of text once.
 * Each text is cut into pieces; a piece counted before is not tokenized again, and the count is the sum.
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
 * <p>A new piece is counted word by word through the counter's {@link WordTokenCache}, whose words (cut by the
 * same argument) are mostly known from earlier texts.
 *
 * <p>For the texts of one call: it keeps every piece it has counted. Not thread-safe.
 */
public final class TokenTally {

    private final TokenCounter counter;
    private final String encodingName;
    private final WordTokenCache words;

    // every piece counted so far, as a range of the text it came from, found again by content through slots
    // (open addressing: piece id + 1, 0 empty)
    private int[] slots = new int[1024];
    private String[] sources = new String[512];
    private int[] starts = new int[512];
    private int[] ends = new int[512];
    private int[] hashes = new int[512];
    private int[] counts = new int[512];
    private int size;

    // the text being counted, its characters copied out (scanned without String's checks), and its pieces:
    // cutAt[k] ends piece k, pieceHash[k] is its hash
    private char[] chars = new char[0];
    private int[] cutAt = new int[512];
    private int[] pieceHash = new int[512];

    TokenTally(TokenCounter counter, String encodingName) {
        this.counter = counter;
        this.encodingName = encodingName;
        this.words = counter.words(counter.encoding(encodingName));
    }

    /** The same figure as {@link TokenCounter#count(CharSequence, String)}. */
    public int count(CharSequence text) {
        if (text == null || text.length() == 0) {
            return 0;
        }
        if (words == null || text.length() > TokenCounter.EXACT_LIMIT_CHARS) {
            return counter.count(text, encodingName);
        }
        String s = text.toString();
        int pieces = cut(s);
        int total = 0;
        for (int k = 0, from = 0; k < pieces; from = cutAt[k++]) {
            int id = find(s, from, cutAt[k], pieceHash[k]);
            if (id >= 0) {
                total += counts[id];
            } else {
                int n = words.count(chars, from, cutAt[k]);
                add(s, from, cutAt[k], pieceHash[k], n);
                total += n;
            }
        }
        return total;
    }

    /** Cuts the text into pieces: their ends go to {@link #cutAt}, their hashes to {@link #pieceHash}. */
    private int cut(String s) {
        int n = s.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] cs = chars;
        s.getChars(0, n, cs, 0);
        int pieces = 0;
        int start = 0;
        int firstWord = -1;
        int lastWord = -1;
        for (int p = 1; p < n; p++) {
            char c = cs[p];
            char prev = cs[p - 1];
            if (c == ' ' ? solid(prev) : prev == '\n' && solid(c) && c != '/') {
                if (c != ' ' || endsSentence(prev)) {
                    pieces = sentence(pieces, start, p, firstWord, lastWord);
                    start = p;
                    firstWord = -1;
                    lastWord = -1;
                } else {
                    firstWord = firstWord < 0 ? p : firstWord;
                    lastWord = p;
                }
            }
        }
        return sentence(pieces, start, n, firstWord, lastWord);
    }

    /** A sentence as its first word, its middle and its last word (the cuts before them, -1 when none). */
    private int sentence(int pieces, int from, int to, int firstWord, int lastWord) {
        if (pieces + 3 > cutAt.length) {
            cutAt = Arrays.copyOf(cutAt, cutAt.length * 2);
            pieceHash = Arrays.copyOf(pieceHash, cutAt.length);
        }
        if (firstWord > 0) {
            pieces = piece(pieces, from, firstWord);
            from = firstWord;
        }
        if (lastWord > firstWord) {
            pieces = piece(pieces, from, lastWord);
            from = lastWord;
        }
        return piece(pieces, from, to);
    }

    private int piece(int pieces, int from, int to) {
        char[] cs = chars;
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + cs[i];
        }
        cutAt[pieces] = to;
        pieceHash[pieces] = h ^ (h >>> 16);
        return pieces + 1;
    }

    /** The id of a piece counted before with the same characters, or -1. */
    private int find(String s, int from, int to, int h) {
        int mask = slots.length - 1;
        int len = to - from;
        for (int slot = h & mask, id; (id = slots[slot] - 1) >= 0; slot = (slot + 1) & mask) {
            if (hashes[id] == h && ends[id] - starts[id] == len && s.regionMatches(from, sources[id], starts[id], len)) {
                return id;
            }
        }
        return -1;
    }

    private void add(String s, int from, int to, int h, int count) {
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
        size++;
        if (size * 2 > slots.length) {
            rehash();
        } else {
            int mask = slots.length - 1;
            int slot = h & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = size;
        }
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
    static boolean solid(char c) {
        return c > ' ' && c < 0x7F || Character.isLetterOrDigit(c);
    }

    /** Characters that close a sentence; all {@link #solid(char)}. */
    private static boolean endsSentence(char c) {
        return c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D'
                || c == '\u2019';
    }
}
