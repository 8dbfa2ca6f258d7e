package io.camelorchestration.text;

import java.util.HashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.knuddels.jtokkit.api.Encoding;

/**
 * The component's token counter with its word cache as it was before Caffeine's upkeep was held for the length of a
 * text ({@link WordTokenCache}, 7 Dec 2026): the same cuts and the same Caffeine cache, its upkeep run on the counting
 * thread whenever Caffeine asks (at every 16th lookup, at every insert). For {@code TextLibrariesBenchmark}, side by
 * side with the component.
 */
public class UpkeepAtEveryLookupCounter extends TokenCounter {

    private final Map<String, UpkeepAtEveryLookup> caches = new HashMap<>();

    @Override
    public int count(CharSequence text, String name) {
        Encoding e = encoding(name);
        if (text == null || text.length() == 0 || text.length() > EXACT_LIMIT_CHARS || words(e) == null) {
            return super.count(text, name);
        }
        return caches.computeIfAbsent(e.getName(), n -> new UpkeepAtEveryLookup(this, e)).count(text.toString());
    }
}

/** {@link WordTokenCache} before 7 Dec 2026, 16:00 UTC (commit 7e5147b), renamed. */
final class UpkeepAtEveryLookup {

    static final int LONGEST_KEPT = 32;
    /** About 8 MB when full; a few thousand words cover most of any English text. */
    static final int KEPT_WORDS = 1 << 16;

    private final TokenCounter counter;
    private final Encoding encoding;
    /** cl100k_base: an apostrophe after a letter starts a pre-token (a contraction, or a mark and letters). */
    private final boolean apostropheEndsWord;
    // upkeep on the counting thread, not the common pool: measured cheaper, and no work left behind on other threads
    private final Cache<String, Integer> counts = Caffeine.newBuilder().maximumSize(KEPT_WORDS)
            .executor(Runnable::run).build();

    UpkeepAtEveryLookup(TokenCounter counter, Encoding encoding) {
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
