package io.camelorchestration.budget;

/**
 * Budget keys often come from headers a caller controls: keep them short and plain before they reach a ledger,
 * a log or an audit event.
 */
public final class BudgetKeys {

    public static final int MAX_LENGTH = 128;

    private BudgetKeys() {
    }

    /** Letters, digits and {@code . _ : @ -} kept, anything else replaced by {@code _}, cut at 128 characters; null or blank → null. */
    public static String sanitize(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        String k = key.strip();
        int n = Math.min(k.length(), MAX_LENGTH);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = k.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '@' || c == '-') ? c : '_');
        }
        return sb.toString();
    }
}
