package dev.rex.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code ../shared} (system property {@code rex.shared.dir}); tests skip when it is absent. */
final class SharedFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private SharedFixtures() {
    }

    /** The shared folder's file, or a skipped test with the reason. */
    static Path require(String relative) {
        String dir = System.getProperty("rex.shared.dir");
        Assumptions.assumeTrue(dir != null && !dir.isBlank(),
                "rex.shared.dir is not set: shared reference fixtures are not available, test skipped");
        Path p = Path.of(dir).resolve(relative);
        Assumptions.assumeTrue(Files.isReadable(p), "shared fixture " + p + " is absent: test skipped");
        return p;
    }

    static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** qid to list of strings, in file order. */
    static Map<String, List<String>> stringLists(JsonNode node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            List<String> l = new ArrayList<>();
            e.getValue().forEach(v -> l.add(v.asText()));
            out.put(e.getKey(), l);
        });
        return out;
    }
}
