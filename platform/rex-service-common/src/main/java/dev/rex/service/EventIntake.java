package dev.rex.service;

import dev.rex.events.EventCodec;
import dev.rex.events.EventFormatException;
import dev.rex.events.EventType;
import dev.rex.events.RexEvent;
import dev.rex.events.UnsupportedSchemaVersionException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The front door of every consumer: decodes a record with the event contract and counts the outcome in
 * {@code rex_events_total{topic, outcome}} (Prometheus). A rejected record's exception propagates, so the
 * channel's {@code failure-strategy=rex-dead-letter} forwards it to {@code <topic>.dlq} with the exception
 * message as {@code dead-letter-reason}, and the stream goes on.
 */
@ApplicationScoped
public class EventIntake {
    private final MeterRegistry registry;

    public EventIntake(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Rejects a record value larger than {@code maxBytes} (UTF-8), before any parsing: its dead letter keeps its
     * size and its beginning ({@link RexDeadLetterQueue}).
     */
    public void checkSize(EventType<?> type, String payload, int maxBytes) {
        if (payload == null || payload.length() <= maxBytes / 3) {
            return; // at most 3 bytes per char: surely within the limit
        }
        long bytes = DeadLetter.utf8Length(payload);
        if (bytes > maxBytes) {
            count(type, "rejected-size");
            throw new EventFormatException(type.topic(), DeadLetter.oversizeReason(bytes, maxBytes));
        }
    }

    public <T extends RexEvent> T decode(EventType<T> type, String payload) {
        try {
            return EventCodec.decode(type, payload);
        } catch (UnsupportedSchemaVersionException e) {
            count(type, "rejected-schema-version");
            throw e;
        } catch (EventFormatException e) {
            count(type, "rejected-format");
            throw e;
        }
    }

    /** Rejects a decoded event that breaks a rule of this service (not of the contract). */
    public EventFormatException reject(EventType<?> type, String reason) {
        count(type, "rejected-invalid");
        return new EventFormatException(type.topic(), reason);
    }

    /** Call once the event's result is persisted and published. */
    public void processed(EventType<?> type) {
        count(type, "processed");
    }

    private void count(EventType<?> type, String outcome) {
        registry.counter("rex.events", "topic", type.topic(), "outcome", outcome).increment();
    }
}
