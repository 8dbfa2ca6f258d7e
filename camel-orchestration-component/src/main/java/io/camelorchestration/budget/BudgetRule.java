package io.camelorchestration.budget;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A cumulative budget: the budget keys it covers (a glob, {@code *} matching any run of characters), its limit in
 * tokens or micro-USD per calendar window, and whether it is hard (enforced) or soft (reported).
 */
public record BudgetRule(String keyPattern, long limit, BudgetUnit unit, BudgetWindow window, boolean hard) {

    /** Compiled globs, one per configured pattern: matches() runs for every step with a budget key. */
    private static final Map<String, Pattern> GLOBS = new ConcurrentHashMap<>();

    public BudgetRule {
        Objects.requireNonNull(keyPattern, "keyPattern");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(window, "window");
        if (limit <= 0) {
            throw new IllegalArgumentException("budget limit must be positive: " + limit);
        }
    }

    /** A stable id for ledgers: pattern, unit and window. */
    public String id() {
        return keyPattern + "|" + unit.name().toLowerCase() + "|" + window.id();
    }

    public boolean matches(String key) {
        return key != null && glob().matcher(key).matches();
    }

    private Pattern glob() {
        return GLOBS.computeIfAbsent(keyPattern, g -> Pattern.compile(globRegex(g)));
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
        String amount = unit == BudgetUnit.USD ? String.valueOf((double) limit / BudgetUnit.MICROS_PER_USD) : String.valueOf(limit);
        return keyPattern + "=" + amount + " " + unit.name().toLowerCase() + "/" + window.id() + (hard ? " hard" : " soft");
    }
}
