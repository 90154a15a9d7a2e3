package dev.rex.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where an ingest's time goes: CPU seconds each process of the stack (with its child processes) and this one spent
 * over an interval. A backend that ended meanwhile is not counted (the connection pools keep theirs open). For a JVM
 * the part its JIT compiler threads and its garbage collector threads took is shown too (read from Linux's
 * {@code /proc/<pid>/task}; left out where that cannot be read): on two cores a JVM that is still compiling its hot
 * paths takes CPU from the work being measured.
 */
final class IngestCpu {
    private static final String SELF = "rex-cli";

    private IngestCpu() {
    }

    static Map<String, Double> sample(Map<String, Long> pids) {
        Map<String, Double> out = new LinkedHashMap<>();
        // with descendants: PostgreSQL's work is done by the postmaster's backend processes
        pids.forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(h -> out.put(name, Stream.concat(Stream.of(h),
                h.descendants()).mapToDouble(p -> p.info().totalCpuDuration().map(IngestCpu::seconds).orElse(0.0)).sum())));
        ProcessHandle.current().info().totalCpuDuration().ifPresent(d -> out.put(SELF, seconds(d)));
        Map<String, Long> all = new LinkedHashMap<>(pids);
        all.put(SELF, ProcessHandle.current().pid());
        all.forEach((name, pid) -> threads(pid).forEach((kind, seconds) -> out.put(name + PART + kind, seconds)));
        return out;
    }

    private static final String PART = "/";
    /** Linux's clock ticks per second for /proc times (USER_HZ, 100 on every architecture Java runs on). */
    private static final double TICKS = 100.0;

    /** CPU seconds of the process's JIT compiler and GC threads (empty when /proc cannot be read or none ran). */
    private static Map<String, Double> threads(long pid) {
        Map<String, Double> out = new LinkedHashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                if (open < 0 || close < open) continue;
                String comm = stat.substring(open + 1, close);
                String kind = comm.contains("CompilerThre") ? "JIT"
                        : comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "GC" : null;
                if (kind == null) continue;
                String[] f = stat.substring(close + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // utime + stime
                out.merge(kind, seconds, Double::sum);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((name, s) -> out.put(name, s - before.getOrDefault(name, 0.0)));
        return out;
    }

    /** e.g. {@code kafka 5.4 (JIT 1.5), preprocessing 9.6 (JIT 5.1, GC 0.2), rex-cli 1.6}. */
    static String format(Map<String, Double> cpu) {
        return cpu.entrySet().stream().filter(e -> !e.getKey().contains(PART) && e.getValue() >= 0.05)
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()) + parts(cpu, e.getKey()))
                .collect(Collectors.joining(", "));
    }

    private static String parts(Map<String, Double> cpu, String name) {
        String parts = cpu.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + PART) && e.getValue() >= 0.05)
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey().substring(name.length() + 1), e.getValue()))
                .collect(Collectors.joining(", "));
        return parts.isEmpty() ? "" : " (" + parts + ")";
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
