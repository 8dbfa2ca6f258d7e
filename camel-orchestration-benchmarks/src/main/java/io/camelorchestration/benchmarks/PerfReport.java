package io.camelorchestration.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the overhead benchmarks in one go and writes one report: every figure that is compared is measured in the same
 * run, one configuration after the other, so that the ratios share the machine's state.
 * <p>
 * Arguments: {@code full} (default) or {@code quick} (fewer, shorter iterations), optionally followed, comma
 * separated, by the sections to run ({@code cpu,throughput,latency,reservations,engine}; all by default); then the
 * report file.
 */
public final class PerfReport {

    static final int[] THREADS = { 1, 2, 8, 32 };
    static final String[] MODES = { "plain", "disabled", "enabled", "memory", "jdbc", "compressed" };

    private final boolean quick;
    private final StringBuilder report = new StringBuilder();

    private PerfReport(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        Set<String> words = new LinkedHashSet<>(List.of((args.length > 0 ? args[0] : "full").split(",")));
        boolean quick = words.remove("quick");
        words.remove("full");
        Set<String> sections = words.isEmpty() ? Set.of("cpu", "throughput", "latency", "reservations", "engine") : words;
        Path out = Path.of(args.length > 1 ? args[1] : "perf-report.md");
        PerfReport r = new PerfReport(quick);
        // the machine is shared: sample its load through the whole run, for the report
        List<Double> loads = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "load-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> loads.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                0, 10, TimeUnit.SECONDS);
        r.header();
        if (sections.contains("cpu")) {
            r.cpu();
        }
        if (sections.contains("latency")) {
            r.latency();
        }
        if (sections.contains("throughput")) {
            r.throughput();
        }
        if (sections.contains("reservations")) {
            r.reservations();
        }
        if (sections.contains("engine")) {
            r.engine();
        }
        sampler.shutdownNow();
        double[] l = loads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        r.line("Finished " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ". Load average (1 min) sampled every 10 s"
                + " during the run, on 2 CPUs: min " + String.format(Locale.ROOT, "%.1f, median %.1f, max %.1f",
                        l[0], l[l.length / 2], l[l.length - 1]) + ".");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, r.report);
        System.out.println();
        System.out.println(r.report);
        System.out.println("Report written to " + out.toAbsolutePath());
    }

    private ChainedOptionsBuilder options(String include) {
        return new OptionsBuilder().include(include).forks(1)
                .warmupIterations(quick ? 2 : 3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .shouldFailOnError(true);
    }

    // ---- sections

    private void header() {
        Runtime rt = Runtime.getRuntime();
        line("# Overhead benchmarks");
        line("");
        line("- Started " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", " + (quick ? "quick" : "full")
                + " run (" + (quick ? "2 warm-up + 3" : "3 warm-up + 5") + " iterations of 1 s, 1 fork each).");
        line("- Machine: " + rt.availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ", load average at start "
                + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + ".");
        line("- Text: " + BenchData.source() + "; message " + BenchData.tokens(BenchData.message()) + " tokens, document "
                + BenchData.tokens(BenchData.document()) + " tokens (" + BenchData.ENCODING + ").");
        line("");
    }

    /**
     * All modes in one JVM, interleaved 1 s rounds, at 1, 2, 8 and 32 threads: throughput ratios to the plain step of
     * the same round, and CPU time per step.
     */
    private void cpu() throws Exception {
        int rounds = quick ? 3 : 5;
        Map<Integer, Map<String, CpuTimePerStep.Figures>> byThreads = new LinkedHashMap<>();
        for (int t : THREADS) {
            byThreads.put(t, CpuTimePerStep.measure(MODES, t, rounds, 1000));
        }
        line("## Interleaved rounds: throughput ratio to the plain step, and CPU time per step (not JMH)");
        line("");
        line("All modes in one JVM, " + rounds + " rounds of 1 s per mode and thread count, modes interleaved in each"
                + " round; medians. Ratio: this mode's steps/s over the plain step's in the same round. CPU: µs of"
                + " the worker threads' own CPU time per step (waiting for a CPU held by another process is not"
                + " counted).");
        line("");
        StringBuilder head = new StringBuilder("| step |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (int t : THREADS) {
            head.append(" ").append(t).append(t == 1 ? " thread" : " threads").append(": steps/s | ratio | CPU µs |");
            rule.append(" ---: | ---: | ---: |");
        }
        line(head.toString());
        line(rule.toString());
        for (String mode : MODES) {
            StringBuilder row = new StringBuilder("| ").append(mode).append(" |");
            for (int t : THREADS) {
                CpuTimePerStep.Figures f = byThreads.get(t).get(mode);
                row.append(String.format(Locale.ROOT, " %,.0f | %.3f | %.2f |", f.stepsPerSecond(), f.ratioToPlain(),
                        f.cpuMicros()));
            }
            line(row.toString());
        }
        line("");
        Map<String, CpuTimePerStep.Figures> one = byThreads.get(1);
        double plain = one.get("plain").cpuMicros();
        List<String> added = new ArrayList<>();
        for (String mode : MODES) {
            if (!mode.equals("plain")) {
                added.add(String.format(Locale.ROOT, "%s %+.2f", mode, one.get(mode).cpuMicros() - plain));
            }
        }
        line("CPU added per step at 1 thread (mode − plain, µs): " + String.join(", ", added) + ".");
        line("");
    }

    /** Median and p99 of one step, one thread: the per-step cost each mode adds to the plain step. */
    private void latency() throws RunnerException {
        Collection<RunResult> results = new Runner(options(StepBenchmark.class.getName() + ".step$")
                .mode(Mode.SampleTime).timeUnit(TimeUnit.MICROSECONDS).threads(1).build()).run();
        Map<String, Result<?>> byMode = byParam(results, "mode");
        double plain = p(byMode.get("plain"), 50);
        line("## Latency of one step, 1 thread (µs, JMH sample time)");
        line("");
        line("| step | p50 | p99 | p50 / plain | p50 − plain (µs) |");
        line("| --- | ---: | ---: | ---: | ---: |");
        for (String mode : MODES) {
            Result<?> r = byMode.get(mode);
            if (r == null) {
                continue;
            }
            double p50 = p(r, 50);
            line(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.3f | %+.1f |", mode, p50, p(r, 99), p50 / plain,
                    p50 - plain));
        }
        line("");
    }

    /** Throughput of each mode at 1, 2, 8 and 32 threads, and its ratio to the plain step at the same count. */
    private void throughput() throws RunnerException {
        Map<Integer, Map<String, Result<?>>> byThreads = new LinkedHashMap<>();
        for (int t : THREADS) {
            Collection<RunResult> results = new Runner(options(StepBenchmark.class.getName() + ".step$")
                    .mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(t).build()).run();
            byThreads.put(t, byParam(results, "mode"));
        }
        line("## Throughput (steps/s, mean ± 99.9% error) and ratio to the plain step at the same thread count");
        line("");
        StringBuilder head = new StringBuilder("| step |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (int t : THREADS) {
            head.append(" ").append(t).append(t == 1 ? " thread" : " threads").append(" | ratio |");
            rule.append(" ---: | ---: |");
        }
        line(head.toString());
        line(rule.toString());
        for (String mode : MODES) {
            StringBuilder row = new StringBuilder("| ").append(mode).append(" |");
            for (int t : THREADS) {
                Result<?> r = byThreads.get(t).get(mode);
                Result<?> plain = byThreads.get(t).get("plain");
                if (r == null) {
                    row.append(" – | – |");
                    continue;
                }
                row.append(String.format(Locale.ROOT, " %,.0f ± %,.0f | %.3f |", r.getScore(), r.getScoreError(),
                        plain == null ? Double.NaN : r.getScore() / plain.getScore()));
            }
            line(row.toString());
        }
        line("");
    }

    /** Reserve + commit per second in the JDBC ledger on PostgreSQL. */
    private void reservations() throws RunnerException {
        Map<Integer, Map<String, Result<?>>> byThreads = new LinkedHashMap<>();
        for (int t : THREADS) {
            Collection<RunResult> results = new Runner(options(ReservationBenchmark.class.getName() + ".reserveAndCommit$")
                    .mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(t).build()).run();
            byThreads.put(t, byParam(results, "keys"));
        }
        line("## JDBC ledger on PostgreSQL: reserve + commit per second");
        line("");
        StringBuilder head = new StringBuilder("| budget keys |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (int t : THREADS) {
            head.append(" ").append(t).append(t == 1 ? " thread" : " threads").append(" |");
            rule.append(" ---: |");
        }
        line(head.toString());
        line(rule.toString());
        for (String keys : List.of("16", "1")) {
            StringBuilder row = new StringBuilder("| ").append(keys).append(keys.equals("1") ? " (one hot row)" : "")
                    .append(" |");
            for (int t : THREADS) {
                Result<?> r = byThreads.get(t).get(keys);
                row.append(r == null ? " – |"
                        : String.format(Locale.ROOT, " %,.0f ± %,.0f |", r.getScore(), r.getScoreError()));
            }
            line(row.toString());
        }
        line("");
    }

    /** The engine alone: StepPlanner plan + settle, and the compression pipeline on the 4k-token document. */
    private void engine() throws RunnerException {
        Collection<RunResult> results = new Runner(options(EngineBenchmark.class.getName() + ".")
                .mode(Mode.SampleTime).timeUnit(TimeUnit.MICROSECONDS).threads(1).build()).run();
        line("## Engine only, no Camel (µs, 1 thread, JMH sample time)");
        line("");
        line("| what | p50 | p99 |");
        line("| --- | ---: | ---: |");
        for (RunResult rr : results) {
            String name = rr.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            String input = rr.getParams().getParam("input");
            String text = rr.getParams().getParam("text");
            String what = input != null ? input : text != null ? text : "document";
            Result<?> r = rr.getPrimaryResult();
            line(String.format(Locale.ROOT, "| %s (%s) | %.1f | %.1f |", name, what, p(r, 50), p(r, 99)));
        }
        line("");
    }

    // ---- helpers

    private static Map<String, Result<?>> byParam(Collection<RunResult> results, String param) {
        Map<String, Result<?>> out = new LinkedHashMap<>();
        for (RunResult rr : results) {
            out.put(rr.getParams().getParam(param), rr.getPrimaryResult());
        }
        return out;
    }

    private static double p(Result<?> r, double percentile) {
        return r == null ? Double.NaN : r.getStatistics().getPercentile(percentile);
    }

    private void line(String s) {
        report.append(s).append('\n');
    }
}
