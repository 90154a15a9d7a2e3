package dev.rex.model;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared reference fixtures (DESIGN §8): present for developers and CI, absent in a user's clone. */
final class SharedFixture {
    private SharedFixture() {
    }

    /** {@code <rex.shared.dir>/fixtures/rex-network}, or the test is skipped with the reason. */
    static Path rexNetwork() {
        String shared = System.getProperty("rex.shared.dir");
        Assumptions.assumeTrue(shared != null, "rex.shared.dir is not set: skipping the shared rex-network fixture");
        Path dir = Path.of(shared, "fixtures", "rex-network");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared fixture absent (" + dir + "): skipping");
        return dir;
    }
}
