package io.camelorchestration.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of one step on the calling thread, per mode: a companion to the JMH wall-clock figures for a machine
 * shared with other work. Wall time on a loaded machine measures the scheduler as much as the code; the thread's
 * own CPU time does not, so the ratios between modes hold even when the machine is busy. All modes live in one JVM
 * and are run in interleaved rounds, so slow phases of the machine hit each mode alike; the median round counts.
 * Not JMH: the thread CPU clock is read once per batch of steps, not per step.
 */
public final class CpuTimePerStep {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Median CPU µs and wall µs per step, per mode. */
    public record Figures(double cpuMicros, double wallMicros) {
    }

    private CpuTimePerStep() {
    }

    public static Map<String, Figures> measure(String[] modes, int rounds, long roundMillis) throws Exception {
        StepBenchmark[] benches = new StepBenchmark[modes.length];
        StepBenchmark.Caller caller = new StepBenchmark.Caller();
        try {
            for (int i = 0; i < modes.length; i++) {
                benches[i] = new StepBenchmark();
                benches[i].mode = modes[i];
                benches[i].start();
            }
            // warm up every mode before the first measured round
            for (int i = 0; i < modes.length; i++) {
                run(benches[i], caller, 2 * roundMillis);
            }
            double[][] cpu = new double[modes.length][rounds];
            double[][] wall = new double[modes.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < modes.length; i++) {
                    double[] f = run(benches[i], caller, roundMillis);
                    cpu[i][r] = f[0];
                    wall[i][r] = f[1];
                }
            }
            Map<String, Figures> out = new LinkedHashMap<>();
            for (int i = 0; i < modes.length; i++) {
                out.put(modes[i], new Figures(median(cpu[i]), median(wall[i])));
            }
            return out;
        } finally {
            for (StepBenchmark b : benches) {
                if (b != null) {
                    b.stop();
                }
            }
        }
    }

    /** @return CPU µs and wall µs per step over one round */
    private static double[] run(StepBenchmark b, StepBenchmark.Caller caller, long millis) {
        long steps = 0;
        long wall0 = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long end = wall0 + millis * 1_000_000L;
        Object sink = null;
        do {
            for (int k = 0; k < 64; k++) {
                sink = b.step(caller);
            }
            steps += 64;
        } while (System.nanoTime() < end);
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        if (sink == null) {
            throw new IllegalStateException("no answer");
        }
        return new double[] { cpu / 1000.0 / steps, wall / 1000.0 / steps };
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
