package dev.rex.service;

import dev.rex.events.EventType;
import dev.rex.events.RexEvent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Base of every service consumer: the subclass's {@code @Incoming @Blocking} method passes the raw record value
 * to {@link #consume}, which decodes it with the event contract, hands the event to {@link #handle} (persist,
 * then publish) and counts it as processed.
 * <p>
 * The incoming method returns only when {@code handle} did, so SmallRye acknowledges the record (and commits its
 * offset) only after the result is persisted and every output acknowledged by the broker. Any exception — an
 * undecodable record, an invalid field, a failed write — nacks the record and the channel's
 * {@code failure-strategy=dead-letter-queue} forwards it to {@code <topic>.dlq} with the message as reason.
 * <p>
 * Subclasses are {@code @Singleton} beans (no client proxy: a normal scope would need a no-args constructor here).
 */
public abstract class EventConsumer<T extends RexEvent> {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final EventType<T> type;
    private EventIntake intake;
    private MessagingConfig messaging;

    protected EventConsumer(EventType<T> type) {
        this.type = type;
    }

    @Inject
    public void wire(EventIntake intake, MessagingConfig messaging) {
        this.intake = intake;
        this.messaging = messaging;
    }

    protected final void consume(String payload) {
        T event = intake.decode(type, payload);
        handle(event);
        intake.processed(type);
        LOG.debugf("%s %s processed (correlation %s)", type.topic(), event.key(), event.correlationId());
    }

    /** Persists the event's result (idempotently) and publishes the outputs with {@link #publish}. */
    protected abstract void handle(T event);

    /** Publishes and waits for the broker's acknowledgement (bounded by {@code rex.messaging.publish-timeout}). */
    protected final void publish(Emitter<String> emitter, RexEvent event) {
        KafkaEvents.publish(emitter, event, messaging.publishTimeout());
    }
}
