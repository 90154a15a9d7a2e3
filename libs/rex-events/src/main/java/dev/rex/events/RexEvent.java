package dev.rex.events;

/**
 * The envelope every event carries (ARCHITECTURE §3): its own id, the correlation id of the request or batch it
 * belongs to (copied from the event that caused it), and the schema version of its JSON shape.
 */
public interface RexEvent {
    String id();

    String correlationId();

    int schemaVersion();

    /** The Kafka record key: qid for per-question events, run id or model name for the others. */
    String key();
}
