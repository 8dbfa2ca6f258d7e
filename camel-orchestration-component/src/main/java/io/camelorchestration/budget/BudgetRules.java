package io.camelorchestration.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code budgets} property, once at start-up. Rules are separated by {@code ;}, each
 * {@code <key-glob>=<limit> <tokens|usd>/<minute|hour|day|month> [hard|soft]}, e.g.
 * {@code acme-*=200000 tokens/day hard; *=5 usd/month soft}. Hard is the default.
 */
public final class BudgetRules {

    private static final Pattern RULE = Pattern.compile(
            "\\s*([^=\\s]+)\\s*=\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(tokens?|usd|\\$)\\s*/\\s*(\\w+)\\s*(hard|soft)?\\s*",
            Pattern.CASE_INSENSITIVE);

    private final List<BudgetRule> rules;
    /** The rules' globs, compiled once: matching runs for every message with a budget key. */
    private final Pattern[] globs;

    private BudgetRules(List<BudgetRule> rules) {
        this.rules = List.copyOf(rules);
        this.globs = this.rules.stream().map(BudgetRule::glob).toArray(Pattern[]::new);
    }

    public static BudgetRules none() {
        return new BudgetRules(List.of());
    }

    public static BudgetRules of(List<BudgetRule> rules) {
        return new BudgetRules(rules);
    }

    /**
     * @throws IllegalArgumentException quoting the rule that does not parse and the expected form
     */
    public static BudgetRules parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return none();
        }
        List<BudgetRule> out = new ArrayList<>();
        String[] parts = spec.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isBlank()) {
                if (i == parts.length - 1 && i > 0 && !parts[i - 1].isBlank()) {
                    continue; // one ';' after the last rule
                }
                throw new IllegalArgumentException("empty budget rule (rule " + (i + 1) + " of '" + spec.trim()
                        + "'); expected rules separated by a single ';', each <key-glob>=<limit>"
                        + " <tokens|usd>/<minute|hour|day|month> [hard|soft], e.g. acme-*=200000 tokens/day hard");
            }
            Matcher m = RULE.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("invalid budget rule '" + part.trim()
                        + "'; expected <key-glob>=<limit> <tokens|usd>/<minute|hour|day|month> [hard|soft],"
                        + " e.g. acme-*=200000 tokens/day hard");
            }
            String unitText = m.group(3).toLowerCase(Locale.ROOT);
            BudgetUnit unit = unitText.startsWith("token") ? BudgetUnit.TOKENS : BudgetUnit.USD;
            double amount = Double.parseDouble(m.group(2));
            long limit = unit == BudgetUnit.USD ? io.camelorchestration.catalog.Usd.of(amount).micros() : (long) amount;
            boolean hard = m.group(5) == null || m.group(5).equalsIgnoreCase("hard");
            out.add(new BudgetRule(m.group(1), limit, unit, BudgetWindow.of(m.group(4)), hard));
        }
        return new BudgetRules(out);
    }

    public List<BudgetRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public List<BudgetRule> matching(String key) {
        List<BudgetRule> out = new ArrayList<>(2);
        if (key == null) {
            return out;
        }
        for (int i = 0; i < globs.length; i++) {
            if (globs[i].matcher(key).matches()) {
                out.add(rules.get(i));
            }
        }
        return out;
    }
}
