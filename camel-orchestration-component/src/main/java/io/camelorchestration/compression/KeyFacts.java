package io.camelorchestration.compression;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names and figures in each unit, as ids shared across the document: capitalised words that do not open a
 * sentence, and digit groups. What a summary should lose last.
 */
final class KeyFacts {

    private KeyFacts() {
    }

    static int[][] of(UnitDocument doc) {
        Map<String, Integer> ids = new HashMap<>();
        int[][] facts = new int[doc.size()][];
        String text = doc.text;
        int[] out = new int[64];
        for (int u = 0; u < facts.length; u++) {
            TextUnits.Unit unit = doc.units.get(u);
            int size = 0;
            int i = unit.start();
            int end = unit.end();
            boolean first = true;
            while (i < end) {
                char c = text.charAt(i);
                if (!Character.isLetterOrDigit(c)) {
                    i++;
                    continue;
                }
                int s = i;
                while (i < end && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                boolean fact = c >= '0' && c <= '9'
                        || !first && Character.isUpperCase(c) && i - s > 1 && Character.isLowerCase(text.charAt(s + 1));
                first = false;
                if (fact) {
                    String word = text.substring(s, i);
                    if (Character.isDigit(c) || !Terms.STOP_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                        if (size == out.length) {
                            out = Arrays.copyOf(out, size * 2);
                        }
                        out[size++] = ids.computeIfAbsent(word, k -> ids.size());
                    }
                }
            }
            facts[u] = distinct(out, size);
        }
        return facts;
    }

    private static int[] distinct(int[] values, int size) {
        int[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        int k = 0;
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) {
                copy[k++] = copy[i];
            }
        }
        return Arrays.copyOf(copy, k);
    }
}
