package dev.rex.embedded;

import java.util.Map;

/**
 * How the embedded PostgreSQL server writes: {@link #DURABLE} (PostgreSQL's defaults — {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on: an acknowledged commit survives a crash of the server
 * or the machine) for {@code rex up} and anything that keeps data; {@link #FAST_FOR_TESTS} (all three off) for test
 * servers whose data is thrown away, where it halves start-up and write I/O. A crash of a FAST_FOR_TESTS server can
 * lose acknowledged writes or corrupt its data directory.
 */
public enum Durability {
    DURABLE(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")),
    FAST_FOR_TESTS(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));

    private final Map<String, String> settings;

    Durability(Map<String, String> settings) {
        this.settings = settings;
    }

    /** The server settings ({@code postgresql.conf} names) this mode sets. */
    public Map<String, String> settings() {
        return settings;
    }
}
