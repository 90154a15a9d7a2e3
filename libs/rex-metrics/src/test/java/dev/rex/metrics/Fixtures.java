package dev.rex.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of the original programs the metric tests compare against, kept in {@code src/test/resources/fixtures}
 * (provenance: its README.md); files of other modules through {@code rex.repo.dir}. A missing fixture fails the test
 * under {@code -Drex.fixtures.required=true} (CI) and skips it otherwise.
 */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** {@code fixtures/<relative>} from the test class path. */
    public static Path require(String relative) {
        return dev.rex.fixtures.TestFixtures.require(Fixtures.class, relative);
    }

    /** A file of the repository by its path from the root (system property {@code rex.repo.dir}). */
    public static Path inRepository(String path) {
        return dev.rex.fixtures.TestFixtures.inRepository(path);
    }

    public static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** qid to list of strings, in file order. */
    public static Map<String, List<String>> stringLists(JsonNode node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            List<String> l = new ArrayList<>();
            e.getValue().forEach(v -> l.add(v.asText()));
            out.put(e.getKey(), l);
        });
        return out;
    }
}
