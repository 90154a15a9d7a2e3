package dev.rex.gqa;

import java.nio.file.Path;

/**
 * The outputs of the original programs this module's tests compare against, kept in {@code src/test/resources/fixtures}
 * (provenance: its README.md). A missing fixture fails the test under {@code -Drex.fixtures.required=true} (CI) and
 * skips it otherwise.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** {@code fixtures/<relative>} from the test class path. */
    public static Path require(String relative) {
        return dev.rex.fixtures.TestFixtures.require(Fixtures.class, relative);
    }
}
