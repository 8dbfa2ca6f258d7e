package io.camelorchestration.compression;

/**
 * A fast estimate of BPE tokens (cl100k/o200k style) for comparing parts of one text: a run of letters, a group of
 * up to three digits, or one other visible character is one token. Exact counts come from the tokenizer.
 */
final class TokenEstimate {

    private TokenEstimate() {
    }

    static int of(CharSequence text, int from, int to) {
        int tokens = 0;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                int s = i;
                while (i < to && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                // long words split into several tokens
                tokens += 1 + (i - s) / 9;
            } else if (c >= '0' && c <= '9') {
                int s = i;
                while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                tokens += (i - s + 2) / 3;
            } else {
                if (!Character.isWhitespace(c)) {
                    tokens++;
                }
                i++;
            }
        }
        return tokens;
    }
}
