package dev.rex.metrics.spice;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parsed captions (their tuples), in memory and, when given a directory, in an append-only JSON-lines file there
 * ({@code corenlp-3.6.0-spice-1.0-rules.jsonl}, named for the parser that made it: one {@code {"caption":..., "tuples":[[...],...]}} per line), so parses survive runs,
 * like SPICE 1.0's parse cache. A damaged line is skipped (and re-parsed), never fatal.
 */
final class SpiceParseCache {

    static final String FILE = "corenlp-3.6.0-spice-1.0-rules.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<String>>> TUPLES = new TypeReference<>() { };

    private final Map<String, List<List<String>>> parsed = new ConcurrentHashMap<>();
    private final Path file;

    SpiceParseCache(Path dir) {
        this.file = dir == null ? null : dir.resolve(FILE);
        if (file != null && Files.isRegularFile(file)) {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    try {
                        JsonNode n = JSON.readTree(line);
                        parsed.put(n.get("caption").asText(), JSON.convertValue(n.get("tuples"), TUPLES));
                    } catch (IOException | RuntimeException damaged) {
                        // an interrupted write leaves a partial last line: parse that caption again
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("SPICE parse cache " + file + " cannot be read", e);
            }
        }
    }

    List<List<String>> get(String caption) {
        return parsed.get(caption);
    }

    int size() {
        return parsed.size();
    }

    /** Records new parses (in memory, and appended to the file when there is one). */
    synchronized void putAll(Map<String, List<List<String>>> fresh) {
        parsed.putAll(fresh);
        if (file == null || fresh.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (Map.Entry<String, List<List<String>>> e : fresh.entrySet()) {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("caption", e.getKey());
                    n.set("tuples", JSON.valueToTree(new ArrayList<>(e.getValue())));
                    w.write(JSON.writeValueAsString(n));
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("SPICE parse cache " + file + " cannot be written", e);
        }
    }
}
