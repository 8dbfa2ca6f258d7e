package io.camelorchestration.text;

import java.util.Random;

/**
 * Short random strings of the characters at which pre-tokenizers differ: spaces, line breaks, '/', apostrophes,
 * digits, cased and uncased letters, marks, Unicode spaces and line separators, surrogate pairs.
 */
final class AwkwardText {

    private static final String ALPHABET = " \n\n\r\t/..''\"sStTab0123456789\u00E9\u00C9\u4E2D\u0301\u00A0\u2019\u201D"
            + "\u3000)(-:;,?!\u0085\u2028xyzXYZ";

    private AwkwardText() {
    }

    /** One to {@code longest} characters; about one in thirty is a surrogate pair. */
    static String next(Random random, int longest) {
        StringBuilder sb = new StringBuilder();
        for (int k = 1 + random.nextInt(longest); k > 0; k--) {
            if (random.nextInt(30) == 0) {
                sb.append("\uD83D\uDE00");
            } else {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }
}
