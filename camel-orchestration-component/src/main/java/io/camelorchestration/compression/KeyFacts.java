package io.camelorchestration.compression;

import java.util.Arrays;
import java.util.HashMap;
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
        for (int u = 0; u < facts.length; u++) {
            TextUnits.Unit unit = doc.units.get(u);
            int[] out = new int[8];
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
                while (i < end && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
                        && i + 1 < end && Character.isDigit(text.charAt(i + 1)))) {
                    i++;
                }
                boolean fact = Character.isDigit(c) || (!first && Character.isUpperCase(c) && i - s > 1
                        && !Terms.STOP_WORDS.contains(text.substring(s, i).toLowerCase(java.util.Locale.ROOT)));
                first = false;
                if (fact) {
                    if (size == out.length) {
                        out = Arrays.copyOf(out, size * 2);
                    }
                    out[size++] = ids.computeIfAbsent(text.substring(s, i), k -> ids.size());
                }
            }
            facts[u] = Arrays.stream(out, 0, size).distinct().toArray();
        }
        return facts;
    }
}
