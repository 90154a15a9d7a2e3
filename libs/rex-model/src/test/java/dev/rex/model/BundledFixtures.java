package dev.rex.model;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The original programs' outputs copied into this module's test resources ({@code fixtures/}, README there), so
 * that the fidelity tests run on any clone. A missing fixture fails the test: it never skips.
 */
public final class BundledFixtures {
    private BundledFixtures() {
    }

    /** The folder {@code fixtures/<name>} of the test classpath. */
    public static Path dir(String name) {
        URL url = BundledFixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            fail("test fixture fixtures/" + name + " is missing from src/test/resources of rex-model");
        }
        try {
            Path p = Path.of(url.toURI());
            if (!Files.isDirectory(p)) fail("test fixture fixtures/" + name + " is not a folder: " + p);
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of a fixture folder, which must exist. */
    public static Path file(String name, String file) {
        Path p = dir(name).resolve(file);
        if (!Files.isRegularFile(p)) fail("test fixture fixtures/" + name + "/" + file + " is missing");
        return p;
    }
}
