package io.camelorchestration.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A companion to the JMH figures for a machine shared with other work: all modes live in one JVM and run in
 * interleaved rounds (plain, disabled, enabled, … then again), so a busy phase of the machine hits every mode alike,
 * and each mode is compared with the plain step of the same round. It also reads the worker threads' own CPU time,
 * which, unlike wall time, does not count the time spent waiting for a CPU that another process holds.
 * Not JMH: the CPU clock is read once per round and thread, not per step; JIT and GC threads are not counted.
 */
public final class CpuTimePerStep {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Medians over the rounds.
     *
     * @param stepsPerSecond wall-clock throughput of all threads together
     * @param ratioToPlain   this mode's throughput over the plain step's in the same round
     * @param cpuMicros      CPU µs per step, summed over the worker threads
     */
    public record Figures(double stepsPerSecond, double ratioToPlain, double cpuMicros) {
    }

    private CpuTimePerStep() {
    }

    public static Map<String, Figures> measure(String[] modes, int threads, int rounds, long roundMillis)
            throws Exception {
        StepBenchmark[] benches = new StepBenchmark[modes.length];
        StepBenchmark.Caller[] callers = new StepBenchmark.Caller[threads];
        for (int t = 0; t < threads; t++) {
            callers[t] = new StepBenchmark.Caller();
        }
        try {
            for (int i = 0; i < modes.length; i++) {
                benches[i] = new StepBenchmark();
                benches[i].mode = modes[i];
                benches[i].start();
            }
            for (int i = 0; i < modes.length; i++) {
                run(benches[i], callers, 2 * roundMillis); // warm-up
            }
            double[][] rate = new double[modes.length][rounds];
            double[][] ratio = new double[modes.length][rounds];
            double[][] cpu = new double[modes.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < modes.length; i++) {
                    double[] f = run(benches[i], callers, roundMillis);
                    rate[i][r] = f[0];
                    cpu[i][r] = f[1];
                }
                for (int i = 0; i < modes.length; i++) {
                    ratio[i][r] = rate[i][r] / rate[0][r];
                }
            }
            Map<String, Figures> out = new LinkedHashMap<>();
            for (int i = 0; i < modes.length; i++) {
                out.put(modes[i], new Figures(median(rate[i]), median(ratio[i]), median(cpu[i])));
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

    /** @return steps per second and CPU µs per step over one round of all threads */
    private static double[] run(StepBenchmark b, StepBenchmark.Caller[] callers, long millis) throws Exception {
        int n = callers.length;
        AtomicLong steps = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(n + 1);
        long[] window = new long[1];
        Thread[] workers = new Thread[n];
        for (int t = 0; t < n; t++) {
            StepBenchmark.Caller caller = callers[t];
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    long mine = 0;
                    long end = window[0];
                    do {
                        for (int k = 0; k < 16; k++) {
                            if (b.step(caller) == null) {
                                throw new IllegalStateException("no answer");
                            }
                        }
                        mine += 16;
                    } while (System.nanoTime() < end);
                    cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
                    steps.addAndGet(mine);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "cpu-time-worker-" + t);
        }
        for (Thread w : workers) {
            w.start();
        }
        long t0 = System.nanoTime();
        window[0] = t0 + millis * 1_000_000L;
        start.await();
        for (Thread w : workers) {
            w.join();
        }
        long elapsed = System.nanoTime() - t0;
        long s = Math.max(1, steps.get());
        return new double[] { s * 1e9 / elapsed, cpuNanos.get() / 1000.0 / s };
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
