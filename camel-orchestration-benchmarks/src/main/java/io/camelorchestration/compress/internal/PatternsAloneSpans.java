package io.camelorchestration.compress.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.compress.internal.ProtectedSpans.Kind;
import io.camelorchestration.compress.internal.ProtectedSpans.Span;

/**
 * The protected-span patterns alone, tried in order wherever a span can start (the reference of
 * ProtectedSpansDifferentialTest): what the scan would be without its look-aheads, for {@code TextLibrariesBenchmark}.
 * In the component's package, as the patterns are package-private.
 */
public final class PatternsAloneSpans {

    private PatternsAloneSpans() {
    }

    /** The scan without its look-ahead: the patterns in order of priority wherever a span can start. */
    public static List<Span> everyPattern(String text) {
        List<Span> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            Object[] hit = null;
            if (c == '`') {
                hit = first(text, i, ProtectedSpans.CODE, Kind.CODE);
            } else if (c == '"' || c == '\u201C') {
                hit = first(text, i, ProtectedSpans.QUOTE, Kind.QUOTE);
            } else if (c == '$' || c == '\u20AC' || c == '\u00A3' || c == '\u00A5') {
                hit = first(text, i, ProtectedSpans.AMOUNT, Kind.AMOUNT);
            } else if (c == '#') {
                hit = first(text, i, ProtectedSpans.IDENTIFIER, Kind.IDENTIFIER);
            } else if (word(c) && (i == 0 || !word(text.charAt(i - 1)))) {
                hit = first(text, i, ProtectedSpans.URL, Kind.URL, ProtectedSpans.EMAIL, Kind.EMAIL,
                        ProtectedSpans.DATE, Kind.DATE, ProtectedSpans.AMOUNT, Kind.AMOUNT, ProtectedSpans.IDENTIFIER,
                        Kind.IDENTIFIER, ProtectedSpans.NUMBER, Kind.NUMBER);
                if (hit == null) {
                    while (i < n && word(text.charAt(i))) {
                        i++;
                    }
                    continue;
                }
            }
            if (hit != null) {
                int end = (int) hit[1];
                out.add(new Span((Kind) hit[0], i, end, text.substring(i, end)));
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The first of the (pattern, kind) pairs that matches at {@code i}: its kind and end. */
    private static Object[] first(String text, int i, Object... patternsAndKinds) {
        for (int k = 0; k < patternsAndKinds.length; k += 2) {
            Matcher m = ((Pattern) patternsAndKinds[k]).matcher(text);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            m.region(i, text.length());
            if (m.lookingAt() && m.end() > i) {
                return new Object[] {patternsAndKinds[k + 1], m.end()};
            }
        }
        return null;
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
