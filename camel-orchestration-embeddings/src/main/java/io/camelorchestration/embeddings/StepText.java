package io.camelorchestration.embeddings;

import java.util.Locale;

/**
 * The words of a step the model reads: what the user wrote about it (this message's instruction, or else the step's
 * description) and its id, split at camelCase, kebab-case and snake_case boundaries ("extractInvoiceFields" reads
 * "extract invoice fields"). Embedded apart, so that a long description does not drown a telling id.
 */
final class StepText {

    /** Longer texts say what the step does at their start; the model reads 256 word pieces at most anyway. */
    static final int MAX_CHARS = 1_000;

    private StepText() {
    }

    static String text(String instruction, String description) {
        String t = instruction != null && !instruction.isBlank() ? instruction : description;
        if (t == null) {
            return "";
        }
        t = t.strip();
        return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
    }

    /** The id as words, lower case; empty for an id without letters. */
    static String idWords(String stepId) {
        if (stepId == null || stepId.isBlank()) {
            return "";
        }
        StringBuilder b = new StringBuilder(stepId.length() + 8);
        char prev = ' ';
        for (int i = 0; i < stepId.length() && i < MAX_CHARS; i++) {
            char c = stepId.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                c = ' ';
            } else if (Character.isUpperCase(c) && (Character.isLowerCase(prev)
                    || (Character.isUpperCase(prev) && i + 1 < stepId.length() && Character.isLowerCase(stepId.charAt(i + 1))))) {
                // fooBar and HTMLParser: a word starts at the capital
                b.append(' ');
            } else if (Character.isDigit(c) != Character.isDigit(prev) && Character.isLetterOrDigit(prev)) {
                b.append(' ');
            }
            if (c == ' ' && (b.isEmpty() || b.charAt(b.length() - 1) == ' ')) {
                prev = c;
                continue;
            }
            b.append(c);
            prev = c;
        }
        String words = b.toString().strip().toLowerCase(Locale.ROOT);
        return words.chars().anyMatch(Character::isLetter) ? words : "";
    }
}
