package dev.rex.events;

/**
 * Kafka header names used between services. The dead-letter names are those SmallRye Reactive Messaging's
 * Kafka connector writes when a channel's failure strategy ({@code rex-dead-letter} or {@code dead-letter-queue}) forwards a record, so
 * operators and tests read the reason under one name whichever side wrote it.
 */
public final class RexHeaders {
    /** Why the record could not be processed (the exception message). */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    /** Class name of the exception that rejected the record. */
    public static final String DEAD_LETTER_EXCEPTION = "dead-letter-exception-class-name";
    /** Message of the exception's cause, when there is one. */
    public static final String DEAD_LETTER_CAUSE = "dead-letter-cause";
    /** Topic, partition and offset the record was read from. */
    public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";
    public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
    public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";
    /** PERMANENT (can never succeed as it is) or TRANSIENT (gave up retrying an unavailable database or broker). */
    public static final String DEAD_LETTER_KIND = "dead-letter-kind";
    /** Size in bytes of the record's value as it was read; set when the dead letter keeps only its beginning. */
    public static final String DEAD_LETTER_ORIGINAL_SIZE = "dead-letter-original-size";
    /** "true" when the dead letter keeps only the beginning of an over-size record (it cannot be replayed). */
    public static final String DEAD_LETTER_TRUNCATED = "dead-letter-truncated";

    /** Copies of envelope fields, so tools can route or trace without parsing the JSON body. */
    public static final String CORRELATION_ID = "rex-correlation-id";
    public static final String EVENT_ID = "rex-event-id";
    public static final String SCHEMA_VERSION = "rex-schema-version";

    private RexHeaders() {
    }
}
