package dev.rex.events;

import java.util.Set;

/**
 * An event whose {@code schemaVersion} this build cannot read. Consumers never guess at an unknown shape: the
 * record is rejected (dead-lettered) with this message, which names topic, version and the supported versions.
 */
public class UnsupportedSchemaVersionException extends EventFormatException {
    private final int version;
    private final Set<Integer> supported;

    public UnsupportedSchemaVersionException(String topic, int version, Set<Integer> supported) {
        super(topic, "unsupported schemaVersion " + version + " (this consumer reads versions " + supported
                + "); upgrade the consumer or publish the event with a supported version");
        this.version = version;
        this.supported = Set.copyOf(supported);
    }

    public int version() {
        return version;
    }

    public Set<Integer> supported() {
        return supported;
    }
}
