package io.camelorchestration.compression;

import java.util.Arrays;

/**
 * The names and figures in each unit, as ids shared across the document: capitalised words that do not open a
 * sentence, and digit groups. What a summary should lose last.
 */
final class KeyFacts {

    private KeyFacts() {
    }

    static int[][] of(UnitDocument doc) {
        CharTable ids = new CharTable();
        int[][] facts = new int[doc.size()][];
        String text = doc.text;
        int[] out = new int[64];
        char[] word = new char[32];
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
                boolean digit = c >= '0' && c <= '9';
                boolean name = !first && Character.isUpperCase(c) && i - s > 1
                        && Character.isLowerCase(text.charAt(s + 1));
                first = false;
                if (!digit && !name) {
                    continue;
                }
                int len = i - s;
                if (len > word.length) {
                    word = new char[len * 2];
                }
                for (int k = 0; k < len; k++) {
                    word[k] = Character.toLowerCase(text.charAt(s + k));
                }
                if (name && Terms.isStopWord(word, len)) {
                    continue;
                }
                if (size == out.length) {
                    out = Arrays.copyOf(out, size * 2);
                }
                out[size++] = ids.id(word, len, true);
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
