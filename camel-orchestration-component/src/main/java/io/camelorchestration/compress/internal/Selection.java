package io.camelorchestration.compress.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Keeps the best-scoring units up to a token target: mandatory units first, then the others by falling score
 * (ties go to the earlier unit), skipping any that no longer fit. Deterministic.
 */
final class Selection {

    private Selection() {
    }

    static boolean[] byScore(double[] score, int[] tokens, boolean[] mandatory, int target) {
        int n = score.length;
        boolean[] keep = new boolean[n];
        int used = 0;
        for (int i = 0; i < n; i++) {
            if (mandatory != null && mandatory[i]) {
                keep[i] = true;
                used += tokens[i];
            }
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i));
        for (int i : order) {
            if (!keep[i] && used + tokens[i] <= target) {
                keep[i] = true;
                used += tokens[i];
            }
        }
        return keep;
    }

    /** Tokens of the units marked. */
    static int sum(int[] tokens, boolean[] marked) {
        int s = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (marked[i]) {
                s += tokens[i];
            }
        }
        return s;
    }

    static int sum(int[] tokens) {
        int s = 0;
        for (int t : tokens) {
            s += t;
        }
        return s;
    }

    static boolean any(boolean[] keep) {
        for (boolean k : keep) {
            if (k) {
                return true;
            }
        }
        return false;
    }

    static boolean all(boolean[] keep) {
        for (boolean k : keep) {
            if (!k) {
                return false;
            }
        }
        return true;
    }

    /** 1 for the opening unit, 0.5 for the first unit of each later block, else 0. */
    static double[] position(UnitDocument doc) {
        double[] p = new double[doc.size()];
        int block = -1;
        for (int i = 0; i < p.length; i++) {
            TextUnits.Unit u = doc.units.get(i);
            if (i == 0) {
                p[i] = 1;
            } else if (u.block() != block) {
                p[i] = 0.5;
            }
            block = u.block();
        }
        return p;
    }
}
