package io.camelorchestration.text;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * <p>The counts are kept in a Caffeine cache shared by all threads; a word not met before is counted by jtokkit.
 * Words longer than {@link #LONGEST_KEPT} characters are counted but not kept, so an odd document cannot fill the
 * cache with blobs. A home-made lock-free table stood here before, and a re-implementation of BPE for the words it
 * had not met; side by side on real text neither paid the 2x over Caffeine and jtokkit that would keep it
 * ({@code TextLibrariesBenchmark}, figures in docs/performance.md).
 *
 * <p>Caffeine's upkeep (its policy learning of reads and writes, admitting and evicting entries) runs on the counting
 * thread, but once per text rather than at every 16th lookup or every insert: while a thread counts a text, the
 * executor holds the upkeep task Caffeine hands it and runs it when the count ends. Caffeine meanwhile drops reads
 * its buffer has no room for, as it does whenever its upkeep is late; inserts wait in its write buffer, and when
 * that is full the inserting thread does the upkeep itself, so the cache stays bounded. Measured side by side, a cache
 * that has met many documents counts a known 4k-token document in 0.55-0.65 of the time, and a new document is
 * compressed 4-14 % faster; the price
 * is a policy that sees fewer reads, felt only once a service's vocabulary outgrows the cache (in a test with a
 * cache of a quarter of the vocabulary, 15 % more words went to jtokkit). The counts do not depend on it.
 */
final class WordTokenCache {

    static final int LONGEST_KEPT = 32;
    /** About 8 MB when full; a few thousand words cover most of any English text. */
    static final int KEPT_WORDS = 1 << 16;

    private final TokenCounter counter;
    private final Encoding encoding;
    /** cl100k_base: an apostrophe after a letter starts a pre-token (a contraction, or a mark and letters). */
    private final boolean apostropheEndsWord;
    /**
     * Upkeep on the counting thread, not the common pool (measured cheaper, and no work left behind on other threads),
     * held while the thread counts a text and run once at its end (see the class comment).
     */
    private final Cache<String, Integer> counts = Caffeine.newBuilder().maximumSize(KEPT_WORDS)
            .executor(HELD_UPKEEP).build();

    /** The upkeep tasks Caffeine handed this thread while it counts a text; not holding between texts. */
    private static final class Held {
        boolean holding;
        final List<Runnable> tasks = new ArrayList<>(2);
    }

    private static final ThreadLocal<Held> HELD = ThreadLocal.withInitial(Held::new);

    private static final Executor HELD_UPKEEP = task -> {
        Held held = HELD.get();
        if (held.holding) {
            held.tasks.add(task);
        } else {
            task.run();
        }
    };

    WordTokenCache(TokenCounter counter, Encoding encoding) {
        this.counter = counter;
        this.encoding = encoding;
        this.apostropheEndsWord = "cl100k_base".equals(encoding.getName());
    }

    /**
     * The encoding's count of {@code cs[from, to)}, a range that starts at a cut or at the text's start and ends at
     * a cut or at the text's end.
     */
    int count(char[] cs, int from, int to) {
        Held held = HELD.get();
        if (held.holding) {
            return words(cs, from, to);
        }
        held.holding = true;
        try {
            return words(cs, from, to);
        } finally {
            held.holding = false;
            if (!held.tasks.isEmpty()) {
                try {
                    for (int i = 0; i < held.tasks.size(); i++) {
                        held.tasks.get(i).run();
                    }
                } finally {
                    held.tasks.clear();
                }
            }
        }
    }

    /** The sum of the counts of the words of {@code cs[from, to)}. */
    private int words(char[] cs, int from, int to) {
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

    /** Words kept now, for tests. */
    long kept() {
        return counts.estimatedSize();
    }

    /** Whether this thread holds Caffeine upkeep it has not run yet, for tests: never between texts. */
    static boolean upkeepHeld() {
        Held held = HELD.get();
        return held.holding || !held.tasks.isEmpty();
    }

    int count(String s) {
        char[] cs = s.toCharArray();
        return count(cs, 0, cs.length);
    }

    private int word(char[] cs, int from, int to) {
        String word = new String(cs, from, to - from);
        if (word.length() > LONGEST_KEPT) {
            return counter.tokenize(encoding, word);
        }
        Integer kept = counts.getIfPresent(word);
        if (kept != null) {
            return kept;
        }
        int n = counter.tokenize(encoding, word);
        counts.put(word, n);
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
}
