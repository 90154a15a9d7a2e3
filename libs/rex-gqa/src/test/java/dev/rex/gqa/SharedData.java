package dev.rex.gqa;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared reference folder (system property {@code rex.shared.dir}); tests that need it skip without it. */
public final class SharedData {
    private SharedData() {
    }

    public static Path require(String relative) {
        String dir = System.getProperty("rex.shared.dir");
        Assumptions.assumeTrue(dir != null && !dir.isBlank(),
                "rex.shared.dir is not set: skipping the comparison with the original's reference data");
        Path p = Path.of(dir).resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "shared reference data absent (" + p + "): skipping");
        return p;
    }
}
