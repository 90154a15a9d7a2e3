package dev.rex.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Where an ingest's time goes: CPU seconds each process of the stack (and this one) spent over an interval. */
final class IngestCpu {
    private static final String SELF = "rex-cli";

    private IngestCpu() {
    }

    static Map<String, Double> sample(Map<String, Long> pids) {
        Map<String, Double> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration())
                .ifPresent(d -> out.put(name, seconds(d))));
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
