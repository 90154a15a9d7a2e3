package dev.rex.events;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What travels on one topic: the record class, the schema version producers write now, and every version
 * consumers of this build can read. A version outside {@link #supportedVersions()} is rejected by
 * {@link EventCodec} rather than guessed at.
 */
public record EventType<T extends RexEvent>(String topic, Class<T> eventClass, int currentVersion,
                                            SortedSet<Integer> supportedVersions) {
    public EventType {
        Require.text(topic, "topic");
        if (eventClass == null) {
            throw new IllegalArgumentException("eventClass is required");
        }
        supportedVersions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(supportedVersions));
        if (!supportedVersions.contains(currentVersion)) {
            throw new IllegalArgumentException(topic + ": current version " + currentVersion + " must be supported");
        }
    }

    static <T extends RexEvent> EventType<T> of(String topic, Class<T> eventClass, int currentVersion, Integer... supported) {
        return new EventType<>(topic, eventClass, currentVersion, new TreeSet<>(Set.of(supported)));
    }

    public String dlqTopic() {
        return Topics.dlq(topic);
    }
}
