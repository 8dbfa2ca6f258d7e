package io.camelorchestration.compress.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionStrategy;

/**
 * Drops sentences and lines that repeat an earlier one: exact repeats (ignoring case, spacing and punctuation) at
 * every level, near repeats (nine in ten of their words shared) at the aggressive level. Short units ("Yes.",
 * "Thanks,") are never touched: repeating them is usually meant. When spans are protected, a repeat is dropped
 * only if every span it holds is kept in the text it repeats.
 */
public final class DuplicateRemover implements CompressionStrategy {

    /** Units with fewer content words than this are left alone. */
    private static final int MIN_TERMS = 5;
    private static final double NEAR = 0.9;
    /** Units compared per sketch key at most; keeps long inputs linear. */
    private static final int BUCKET = 64;

    @Override
    public String name() {
        return "dedupe";
    }

    @Override
    public boolean appliesTo(CompressionRequest request) {
        return request.level() != CompressionLevel.OFF && !Shapes.looksLikeJson(request.text());
    }

    @Override
    public String apply(String text, CompressionRequest request) {
        UnitDocument doc = UnitDocument.of(text);
        int n = doc.size();
        if (n < 2) {
            return text;
        }
        boolean near = request.level() == CompressionLevel.AGGRESSIVE;
        boolean[] keep = new boolean[n];
        Map<Long, Integer> exact = new HashMap<>();
        Map<Long, List<Integer>> sketches = new HashMap<>();
        boolean dropped = false;
        boolean[] crossed = request.protectSpans() ? doc.crossedBySpans() : null;
        for (int i = 0; i < n; i++) {
            keep[i] = true;
            int[] terms = doc.terms[i];
            if (terms.length < MIN_TERMS || crossed != null && crossed[i]) {
                continue; // short, or part of a quotation that must stay whole
            }
            TextUnits.Unit u = doc.units.get(i);
            Integer earlier = exact.putIfAbsent(key(text, u.start(), u.end()), i);
            if (earlier != null && !same(doc.unit(i), doc.unit(earlier))) {
                earlier = null; // a hash collision, not a repeat
            }
            if (earlier == null && near) {
                earlier = nearRepeat(doc, i, sketches);
            }
            if (earlier != null && (!request.protectSpans()
                    || ProtectedSpans.detector().allSpansIn(doc.unit(i), doc.unit(earlier)))) {
                keep[i] = false;
                dropped = true;
            }
        }
        return dropped ? doc.render(keep) : text;
    }

    /** FNV-1a over the lower-cased letters and digits, words separated: equal for units that differ only in case,
     * spacing or punctuation. */
    private static long key(String text, int from, int to) {
        long h = 0xcbf29ce484222325L;
        boolean gap = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            // ASCII is decided without the Unicode tables: a key is made of every unit of every input
            boolean word = c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    : Character.isLetterOrDigit(c);
            if (word) {
                if (gap) {
                    h = (h ^ ' ') * 0x100000001b3L;
                    gap = false;
                }
                char lower = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c) : Character.toLowerCase(c);
                h = (h ^ lower) * 0x100000001b3L;
            } else {
                gap = true;
            }
        }
        return h;
    }

    private static boolean same(String a, String b) {
        return normalized(a).equals(normalized(b));
    }

    private static String normalized(String unit) {
        StringBuilder sb = new StringBuilder(unit.length());
        boolean gap = false;
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (gap && sb.length() > 0) {
                    sb.append(' ');
                }
                gap = false;
                sb.append(Character.toLowerCase(c));
            } else {
                gap = true;
            }
        }
        return sb.toString();
    }

    /**
     * An earlier unit sharing at least {@link #NEAR} of the word set, found through the two smallest term ids of
     * each set (a bottom-k sketch: sets that similar almost always share one), then checked exactly.
     */
    private static Integer nearRepeat(UnitDocument doc, int i, Map<Long, List<Integer>> sketches) {
        int[] set = doc.termSet(i);
        Integer found = null;
        long[] keys = {set[0], set.length > 1 ? ((long) set[1] << 32) | 1 : set[0]};
        for (long k : keys) {
            List<Integer> bucket = sketches.get(k);
            for (int b = 0; found == null && bucket != null && b < bucket.size(); b++) {
                int j = bucket.get(b);
                if (jaccard(set, doc.termSet(j)) >= NEAR) {
                    found = j;
                }
            }
        }
        for (long k : keys) {
            List<Integer> bucket = sketches.computeIfAbsent(k, x -> new ArrayList<>());
            if (bucket.size() < BUCKET) {
                bucket.add(i); // a word that opens hundreds of units says nothing about repeats: stop collecting
            }
        }
        return found;
    }

    /** Of two sorted sets of distinct term ids. */
    private static double jaccard(int[] sortedSet, int[] b) {
        int common = 0;
        int x = 0;
        int y = 0;
        while (x < sortedSet.length && y < b.length) {
            if (sortedSet[x] == b[y]) {
                common++;
                x++;
                y++;
            } else if (sortedSet[x] < b[y]) {
                x++;
            } else {
                y++;
            }
        }
        return (double) common / (sortedSet.length + b.length - common);
    }
}
