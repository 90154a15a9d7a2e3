package dev.rex.model;

import java.nio.file.Path;

/**
 * DJL must never call home (ARCHITECTURE §4): offline mode and a local cache are set before the first engine use, unless
 * the environment or the command line already chose them (the root pom does for tests, docker-compose may). The
 * services that load models call it before their first engine use.
 */
public final class DjlDefaults {
    private DjlDefaults() {
    }

    public static void apply(Path modelsDir) {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            // DJL reads DJL_CACHE_DIR from the environment or from a system property of that name
            System.setProperty("DJL_CACHE_DIR", modelsDir.resolve(".djl-cache").toAbsolutePath().toString());
        }
    }
}
