package dev.rex.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where an ingest's time goes: CPU seconds each process of the stack (with its child processes) and this one spent
 * over an interval. A backend that ended meanwhile is not counted (the connection pools keep theirs open).
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
        return out;
    }

    static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((name, s) -> out.put(name, s - before.getOrDefault(name, 0.0)));
        return out;
    }

    static String format(Map<String, Double> cpu) {
        return cpu.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
