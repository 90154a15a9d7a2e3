package dev.rex.cli;

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

    static Path torchFiles() {
        return inRepository("libs/rex-model/src/test/resources/fixtures/torch-files");
    }

    static Path craftedTorch() {
        return inRepository("libs/rex-model/src/test/resources/fixtures/crafted-torch");
    }

    private static Path inRepository(String path) {
        return dev.rex.fixtures.TestFixtures.inRepository(path);
    }
}
