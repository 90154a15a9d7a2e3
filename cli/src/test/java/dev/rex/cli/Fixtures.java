package dev.rex.cli;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fixtures of the libraries (outputs of the original programs, provenance in each module's
 * {@code src/test/resources/fixtures/README.md}) that the command tests run through the CLI, found from the
 * repository root (system property {@code rex.repo.dir}). A missing one fails the test under
 * {@code -Drex.fixtures.required=true} (CI) and skips it otherwise.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path gqaRex() {
        return inRepository("libs/rex-gqa/src/test/resources/fixtures/gqa-rex");
    }

    static Path metrics() {
        return inRepository("libs/rex-metrics/src/test/resources/fixtures/metrics");
    }

    static Path rexNetwork() {
        return inRepository("libs/rex-model/src/test/resources/fixtures/rex-network");
    }

    private static Path inRepository(String path) {
        String root = System.getProperty("rex.repo.dir");
        Path p = Path.of(root == null || root.isBlank() ? ".." : root).resolve(path);
        if (!Files.isDirectory(p)) {
            String why = "test fixture " + p + " is absent";
            if (Boolean.getBoolean("rex.fixtures.required")) {
                throw new AssertionError(why + " (-Drex.fixtures.required is set: fidelity tests may not skip)");
            }
            Assumptions.abort(why + ": skipped (-Drex.fixtures.required=true makes this a failure)");
        }
        return p;
    }
}
