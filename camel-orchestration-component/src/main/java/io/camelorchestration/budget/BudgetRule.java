package io.camelorchestration.budget;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A cumulative budget: the budget keys it covers (a glob, {@code *} matching any run of characters), its limit in
 * tokens or micro-USD per calendar window, and whether it is hard (enforced) or soft (reported).
 */
public record BudgetRule(String keyPattern, long limit, BudgetUnit unit, BudgetWindow window, boolean hard) {

    public BudgetRule {
        Objects.requireNonNull(keyPattern, "keyPattern");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(window, "window");
        if (limit <= 0) {
            throw new IllegalArgumentException("budget limit must be positive: " + limit);
        }
        if (keyPattern.length() > BudgetKeys.MAX_LENGTH) {
            throw new IllegalArgumentException("budget key pattern longer than " + BudgetKeys.MAX_LENGTH
                    + " characters (no budget key is longer): " + keyPattern.substring(0, 40) + "...");
        }
    }

    /** A stable id for ledgers: pattern, unit and window. */
    public String id() {
        return keyPattern + "|" + unit.name().toLowerCase() + "|" + window.id();
    }

    /** Compiles the glob on every call: for one-off checks. {@link BudgetRules} keeps the compiled form. */
    public boolean matches(String key) {
        return key != null && glob().matcher(key).matches();
    }

    Pattern glob() {
        return Pattern.compile(globRegex(keyPattern));
    }

    private static String globRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int start = 0;
        for (int i = glob.indexOf('*'); i >= 0; i = glob.indexOf('*', start)) {
            re.append(Pattern.quote(glob.substring(start, i))).append(".*");
            start = i + 1;
        }
        re.append(Pattern.quote(glob.substring(start)));
        return re.toString();
    }

    /** Human form, the same as the property syntax. */
    @Override
    public String toString() {
        String amount = unit == BudgetUnit.USD ? String.valueOf(io.camelorchestration.catalog.Usd.ofMicros(limit).doubleValue()) : String.valueOf(limit);
        return keyPattern + "=" + amount + " " + unit.name().toLowerCase() + "/" + window.id() + (hard ? " hard" : " soft");
    }
}
