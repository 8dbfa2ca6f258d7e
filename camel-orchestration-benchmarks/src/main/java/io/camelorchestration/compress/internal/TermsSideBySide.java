package io.camelorchestration.compress.internal;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * For {@code TextLibrariesBenchmark}: what {@link UnitDocument} does with a text's terms (every unit's terms, facts
 * and token estimate), once with the component's {@link Terms} and once with the hand-written one of before. In the
 * component's package, as both are package-private.
 */
public final class TermsSideBySide {

    private TermsSideBySide() {
    }

    /** Reads all units of the text into a new vocabulary per call; returns the vocabulary's size. */
    public static IntSupplier component(String text) {
        List<TextUnits.Unit> units = TextUnits.split(text);
        return () -> {
            Terms terms = new Terms();
            int n = 0;
            for (TextUnits.Unit u : units) {
                n += terms.ofUnit(text, u.start(), u.end()).length + terms.lastFacts().length + terms.lastTokens();
            }
            return n + terms.size();
        };
    }

    public static IntSupplier handWritten(String text) {
        List<TextUnits.Unit> units = TextUnits.split(text);
        return () -> {
            HandWrittenTerms terms = new HandWrittenTerms();
            int n = 0;
            for (TextUnits.Unit u : units) {
                n += terms.ofUnit(text, u.start(), u.end()).length + terms.lastFacts().length + terms.lastTokens();
            }
            return n + terms.size();
        };
    }
}
