package dev.rex.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            absent("test fixture fixtures/" + relative + " is absent from src/test/resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of the repository by its path from the root (system property {@code rex.repo.dir}). */
    public static Path inRepository(String path) {
        String root = System.getProperty("rex.repo.dir");
        Path p = Path.of(root == null || root.isBlank() ? "../.." : root).resolve(path);
        if (!Files.exists(p)) {
            absent("test fixture " + p + " is absent");
        }
        return p;
    }

    private static void absent(String why) {
        if (Boolean.getBoolean("rex.fixtures.required")) {
            throw new AssertionError(why + " (-Drex.fixtures.required is set: fidelity tests may not skip)");
        }
        Assumptions.abort(why + ": skipped (-Drex.fixtures.required=true makes this a failure)");
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
