package dev.rex.gqa;

import org.junit.jupiter.api.Assumptions;

import java.net.URISyntaxException;
import java.net.URL;
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
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            String why = "test fixture fixtures/" + relative + " is absent from src/test/resources";
            if (Boolean.getBoolean("rex.fixtures.required")) {
                throw new AssertionError(why + " (-Drex.fixtures.required is set: fidelity tests may not skip)");
            }
            Assumptions.abort(why + ": skipped (-Drex.fixtures.required=true makes this a failure)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
