package dev.rex.events;

/**
 * A record on {@code topic} that is not a valid event: malformed JSON, a missing envelope field, or a payload
 * that violates the event's contract. The message is what ends up in the dead-letter reason header.
 */
public class EventFormatException extends RuntimeException {
    private final String topic;

    public EventFormatException(String topic, String reason, Throwable cause) {
        super(topic + ": " + reason, cause);
        this.topic = topic;
    }

    public EventFormatException(String topic, String reason) {
        this(topic, reason, null);
    }

    public String topic() {
        return topic;
    }
}
