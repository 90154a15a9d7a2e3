package dev.rex.model;

import java.nio.file.Path;

/**
 * The original module's outputs this module's tests compare against, kept in {@code src/test/resources/fixtures}
 * (provenance: its README.md). A missing fixture fails the test under {@code -Drex.fixtures.required=true} (CI) and
 * skips it otherwise.
 */
public final class SharedFixture {
    private SharedFixture() {
    }

    /** {@code fixtures/rex-network}: the tiny checkpoint, its inputs and the original module's outputs. */
    static Path rexNetwork() {
        return require("rex-network");
    }

    /** {@code fixtures/<relative>} from the test class path. */
    public static Path require(String relative) {
        return dev.rex.fixtures.TestFixtures.require(SharedFixture.class, relative);
    }
}
