package io.camelorchestration.benchmarks.handwritten;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts the tokens of one ASCII word in cl100k_base or o200k_base: the byte-pair merges jtokkit makes, over the
 * same ranks, read once from jtokkit's own vocabulary file.
 *
 * <p>Why not jtokkit itself: a word the {@link WordTokenCache} has not met costs jtokkit about 2 µs, most of it
 * waiting on memory. Each candidate pair is a {@code HashMap} lookup of a byte-array key among 100,000-200,000
 * entries spread over some 30 MB. The tokens an ASCII word can merge into are themselves printable ASCII, 90,000 in
 * cl100k_base and 125,000 in o200k_base; here they sit packed in one open-addressed {@code long[]} of 4 MB, and the
 * two-character pairs every merge starts from in a table of 64 kB. A word then costs a third of the time or less.
 * Counts are jtokkit's: the tests compare the two on every word of the test corpus and on random words.
 *
 * <p>Only a word the encoding's pattern takes as one pre-token qualifies, since BPE merges within a pre-token:
 * letters after an optional space or punctuation mark ({@code "Hello}, {@code -based}; not after an apostrophe in
 * cl100k_base, whose pattern takes {@code 's} apart), and in o200k_base a contraction after them ({@code  don't}),
 * but its letters only capitals then small ones: its pattern splits "camelCase" before the capital. {@link #count}
 * returns -1 for anything else, which jtokkit then counts.
 */
public final class HandWrittenBpe {

    public static final int NOT_A_WORD = -1;
    /** Longer words go to jtokkit: rare, and the merge loop below is quadratic in the length. */
    static final int LONGEST = 64;

    private static final int NONE = Integer.MAX_VALUE;
    // symbols: 1 the space, then the printable ASCII marks, the capitals and the small letters (digits have none);
    // seven bits each and never 0, so a packed key needs no length
    private static final byte[] CODES = new byte[128];
    private static final int APOSTROPHE;
    private static final int FIRST_LETTER;
    private static final int FIRST_SMALL;

    static {
        int next = 1;
        CODES[' '] = (byte) next++;
        for (char c = '!'; c < 0x7F; c++) {
            if (!Character.isLetterOrDigit(c)) {
                CODES[c] = (byte) next++;
            }
        }
        FIRST_LETTER = next;
        for (char c = 'A'; c <= 'Z'; c++) {
            CODES[c] = (byte) next++;
        }
        FIRST_SMALL = next;
        for (char c = 'a'; c <= 'z'; c++) {
            CODES[c] = (byte) next++;
        }
        APOSTROPHE = CODES['\''];
    }

    private static final int BITS = 7;
    private static final int LOW = 9;
    private static final int HIGH = 6;
    /** Pieces up to this long are keys in {@link #table}; the few longer tokens are in {@link #longer}. */
    private static final int PACKED = LOW + HIGH;
    private static final int RANK_SHIFT = BITS * HIGH;
    private static final long HIGH_MASK = (1L << RANK_SHIFT) - 1;

    private final boolean o200k;
    /** Per slot two longs: the first nine symbols, then the next six with the rank above them. */
    private final long[] table;
    private final int mask;
    private final int[] pairs = new int[1 << 2 * BITS];
    private final Map<String, Integer> longer;

    private HandWrittenBpe(boolean o200k, List<long[]> tokens, Map<String, Integer> longer) {
        this.o200k = o200k;
        this.longer = longer;
        int slots = Integer.highestOneBit(Math.max(16, tokens.size() * 5 / 3)) << 1; // load under 0.6
        this.table = new long[2 * slots];
        this.mask = slots - 1;
        Arrays.fill(pairs, NONE);
        for (long[] t : tokens) {
            int slot = slot(t[0], t[1]);
            while (table[2 * slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = t[0];
            table[2 * slot + 1] = t[1] | t[2] << RANK_SHIFT;
            if (t[0] < 1 << 2 * BITS && t[0] >= 1 << BITS) {
                pairs[(int) t[0]] = (int) t[2];
            }
        }
    }

    /** The merges of an encoding named by jtokkit, or null where there are none (other encodings, no file). */
    public static HandWrittenBpe of(Encoding encoding) {
        return switch (encoding.getName()) {
            case "cl100k_base" -> Cl100k.BPE;
            case "o200k_base" -> O200k.BPE;
            default -> null;
        };
    }

    // loaded on first use, once per JVM: 50-70 ms each
    private static final class Cl100k {
        static final HandWrittenBpe BPE = load("cl100k_base", false);
    }

    private static final class O200k {
        static final HandWrittenBpe BPE = load("o200k_base", true);
    }

    /**
     * The tokens of {@code word}, or {@link #NOT_A_WORD} when it is not one pre-token of the shapes above, or longer
     * than {@link #LONGEST}.
     */
    public int count(String word) {
        int n = word.length();
        if (n == 0 || n > LONGEST) {
            return NOT_A_WORD;
        }
        byte[] s = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            int code = c < 128 ? CODES[c] : 0;
            if (code == 0) {
                return NOT_A_WORD;
            }
            s[i] = (byte) code;
        }
        if (n == 1) {
            return 1; // every byte is a token
        }
        if (!(o200k ? o200kPreToken(s, n) : cl100kPreToken(s, n))) {
            return NOT_A_WORD;
        }
        return rank(s, 0, n) != NONE ? 1 : merge(s, n);
    }

    /** {@code [^\r\n\p{L}\p{N}]?+\p{L}+}, without the apostrophe the contraction alternative comes first for. */
    private static boolean cl100kPreToken(byte[] s, int n) {
        int i = s[0] < FIRST_LETTER && s[0] != APOSTROPHE ? 1 : 0;
        if (i == n) {
            return false;
        }
        for (; i < n; i++) {
            if (s[i] < FIRST_LETTER) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code [^\r\n\p{L}\p{N}]?}, capitals then small letters (one at least), then {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)?}:
     * the two letter alternatives of the pattern, for ASCII.
     */
    private static boolean o200kPreToken(byte[] s, int n) {
        int i = s[0] < FIRST_LETTER ? 1 : 0;
        int letters = i;
        while (i < n && s[i] >= FIRST_LETTER && s[i] < FIRST_SMALL) {
            i++;
        }
        while (i < n && s[i] >= FIRST_SMALL) {
            i++;
        }
        if (i == letters) {
            return false;
        }
        return i == n || s[i] == APOSTROPHE && contraction(s, i + 1, n);
    }

    /** s, t, m, d, re, ve or ll, in either case, and nothing after. */
    private static boolean contraction(byte[] s, int from, int n) {
        int left = n - from;
        if (left == 1) {
            int c = small(s[from]);
            return c == 's' || c == 't' || c == 'm' || c == 'd';
        }
        if (left == 2) {
            int a = small(s[from]);
            int b = small(s[from + 1]);
            return b == 'e' && (a == 'r' || a == 'v') || a == 'l' && b == 'l';
        }
        return false;
    }

    private static int small(byte code) {
        return code >= FIRST_SMALL ? 'a' + code - FIRST_SMALL : code >= FIRST_LETTER ? 'a' + code - FIRST_LETTER : 0;
    }

    /**
     * tiktoken's byte-pair merge: join the adjacent pair whose union has the lowest rank (the leftmost of equals),
     * until no union is a token; the parts left are the tokens.
     */
    private int merge(byte[] s, int n) {
        int[] bound = new int[n + 1];
        int[] rank = new int[n];
        for (int i = 0; i <= n; i++) {
            bound[i] = i;
        }
        for (int i = 0; i + 1 < n; i++) {
            rank[i] = pairs[s[i] << BITS | s[i + 1]];
        }
        int parts = n;
        while (parts > 1) {
            int best = NONE;
            int at = -1;
            for (int i = 0; i + 1 < parts; i++) {
                if (rank[i] < best) {
                    best = rank[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            // parts at and at + 1 become one: drop the bound between them, then the two pairs that changed
            System.arraycopy(bound, at + 2, bound, at + 1, parts - at - 1);
            System.arraycopy(rank, at + 1, rank, at, parts - at - 2);
            parts--;
            if (at + 1 < parts) {
                rank[at] = rank(s, bound[at], bound[at + 2]);
            }
            if (at > 0) {
                rank[at - 1] = rank(s, bound[at - 1], bound[at + 1]);
            }
        }
        return parts;
    }

    private int rank(byte[] s, int from, int to) {
        if (to - from > PACKED) {
            Integer r = longer.get(longKey(s, from, to));
            return r == null ? NONE : r;
        }
        long low = low(s, from, to);
        long high = high(s, from, to);
        for (int slot = slot(low, high);; slot = (slot + 1) & mask) {
            long key = table[2 * slot];
            if (key == 0) {
                return NONE;
            }
            long rest = table[2 * slot + 1];
            if (key == low && (rest & HIGH_MASK) == high) {
                return (int) (rest >>> RANK_SHIFT);
            }
        }
    }

    /** The first {@link #LOW} symbols of {@code s[from, to)}, packed. */
    private static long low(byte[] s, int from, int to) {
        long low = 0;
        for (int i = from, end = Math.min(to, from + LOW); i < end; i++) {
            low = low << BITS | s[i];
        }
        return low;
    }

    /** The symbols of {@code s[from, to)} after the first {@link #LOW}, packed. */
    private static long high(byte[] s, int from, int to) {
        long high = 0;
        for (int i = from + LOW; i < to; i++) {
            high = high << BITS | s[i];
        }
        return high;
    }

    /** A piece longer than {@link #PACKED} symbols, as its key in {@link #longer}. */
    private static String longKey(byte[] s, int from, int to) {
        return new String(s, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private int slot(long low, long high) {
        long h = low * 0x9E3779B97F4A7C15L ^ high * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 29) & mask;
    }

    private static int code(char c) {
        return c < 128 ? CODES[c] : 0;
    }

    /**
     * Reads jtokkit's vocabulary file (a token in base64 and its rank per line) and keeps the tokens an ASCII word
     * can merge into. Null when the file is not there, as it would be after jtokkit moved it, or cannot be read:
     * jtokkit then counts every word, which is slower, never wrong.
     */
    static HandWrittenBpe load(String encoding, boolean o200k) {
        String resource = "/com/knuddels/jtokkit/" + encoding + ".tiktoken";
        try (InputStream in = Encoding.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            Base64.Decoder base64 = Base64.getDecoder();
            List<long[]> tokens = new ArrayList<>();
            Map<String, Integer> longer = new HashMap<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int space = line.indexOf(' ');
                byte[] token = base64.decode(line.substring(0, space));
                int rank = Integer.parseInt(line, space + 1, line.length(), 10);
                if (!printable(token)) {
                    continue;
                }
                byte[] symbols = new byte[token.length];
                for (int i = 0; i < token.length; i++) {
                    symbols[i] = (byte) code((char) token[i]);
                }
                int n = symbols.length;
                if (n > PACKED) {
                    longer.put(longKey(symbols, 0, n), rank);
                } else {
                    tokens.add(new long[] {low(symbols, 0, n), high(symbols, 0, n), rank});
                }
            }
            return new HandWrittenBpe(o200k, tokens, longer);
        } catch (IOException | RuntimeException e) {
            return null; // as if the file were not there: a holder class that failed to load would fail every count
        }
    }

    /** A token of printable ASCII but digits, the first of which may be a space: all an ASCII word merges into. */
    private static boolean printable(byte[] token) {
        for (int i = 0; i < token.length; i++) {
            int c = token[i];
            if (code((char) c) == 0 || c == ' ' && i > 0) {
                return false;
            }
        }
        return token.length > 0;
    }
}
