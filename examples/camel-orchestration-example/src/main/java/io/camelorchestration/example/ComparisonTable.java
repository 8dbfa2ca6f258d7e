package io.camelorchestration.example;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The side-by-side table of the two runs, per step and in total.
 */
final class ComparisonTable {

    static final String TOTAL = "TOTAL";
    private static final String ROW = "%-10s | %10s | %10s | %7s | %12s | %12s | %7s | %-9s | %-18s | %9s%n";

    private ComparisonTable() {
    }

    static void print(PrintStream out, RunResult off, RunResult on) {
        out.printf(Locale.ROOT, ROW, "step", "tokens off", "tokens on", "saved", "USD off", "USD on", "saved",
                "model off", "model on", "fallbacks");
        out.println("-".repeat(128));
        Set<String> steps = new LinkedHashSet<>(off.steps().keySet());
        steps.addAll(on.steps().keySet());
        for (String step : steps) {
            StepTally a = off.steps().getOrDefault(step, new StepTally());
            StepTally b = on.steps().getOrDefault(step, new StepTally());
            row(out, step, a.tokens(), b.tokens(), a.cost(), b.cost(), a.models(), b.models(), b.fallbacks());
        }
        out.println("-".repeat(128));
        row(out, TOTAL, off.tokens(), on.tokens(), off.cost(), on.cost(), "", "", on.fallbacks());
    }

    private static void row(PrintStream out, String step, long tokensOff, long tokensOn, double costOff, double costOn,
            String modelOff, String modelOn, long fallbacks) {
        out.printf(Locale.ROOT, ROW, step, tokensOff, tokensOn, percent(tokensOff, tokensOn),
                String.format(Locale.ROOT, "%.6f", costOff), String.format(Locale.ROOT, "%.6f", costOn),
                percent(costOff, costOn), modelOff, modelOn, fallbacks);
    }

    static String percent(double before, double after) {
        return before <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100d * (before - after) / before);
    }
}
