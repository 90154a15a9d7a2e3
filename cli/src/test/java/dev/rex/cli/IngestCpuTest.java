package dev.rex.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestCpuTest {
    @Test
    void showsEachProcessWithItsCompilerAndCollectorShares() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("kafka", 5.44);
        cpu.put("preprocessing", 9.6);
        cpu.put("rex-cli", 1.2);
        cpu.put("preprocessing/JIT", 5.1);
        cpu.put("preprocessing/GC", 0.2);
        cpu.put("kafka/JIT", 0.01); // too small to show
        assertEquals("kafka 5.4, preprocessing 9.6 (JIT 5.1, GC 0.2), rex-cli 1.2", IngestCpu.format(cpu));
    }

    @Test
    void readsThisJvmsCompilerThreadsFromProc() {
        Map<String, Double> first = IngestCpu.sample(Map.of());
        assertTrue(first.containsKey("rex-cli"), first.toString());
        assertTrue(first.getOrDefault("rex-cli/JIT", 0.0) > 0, "a JVM that ran JUnit has compiled something: " + first);
        Map<String, Double> later = IngestCpu.sample(Map.of());
        Map<String, Double> since = IngestCpu.since(first, later);
        assertTrue(since.get("rex-cli") >= 0 && since.get("rex-cli/JIT") >= 0, since.toString());
    }
}
