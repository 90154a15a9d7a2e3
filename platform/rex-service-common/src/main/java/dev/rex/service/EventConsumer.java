package dev.rex.service;

import dev.rex.events.EventType;
import dev.rex.events.RexEvent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Base of every service consumer: the subclass's {@code @Incoming @Blocking} method passes the raw record value
 * to {@link #consume}, which checks its size, decodes it with the event contract, hands the event to
 * {@link #handle} (persist, then publish) and counts it as processed.
 * <p>
 * The incoming method returns only when {@code handle} did, so SmallRye acknowledges the record (and commits its
 * offset) only after the result is persisted and every output acknowledged by the broker. A
 * {@link FailureKind#TRANSIENT transient} failure of {@code handle} (database or broker unavailable) is retried in
 * place with back-off ({@link TransientRetry}): the record is not acknowledged meanwhile and no later record of its
 * partition overtakes it. Every other failure — an over-size record, an undecodable one, an invalid field, a
 * failure that outlived {@code rex.messaging.retry-give-up-after} — nacks the record, and the channel's
 * {@code failure-strategy=rex-dead-letter} ({@link RexDeadLetterQueue}) forwards it to {@code <topic>.dlq} with the
 * message as reason.
 * <p>
 * Store-then-publish: {@code handle} persists idempotently and then publishes; a publish that fails is retried
 * with the rest of {@code handle} before the ack, so the output event is never dropped (at-least-once; a consumer
 * that must not publish twice checks its stored row first, as the explanation service does).
 * <p>
 * Subclasses are {@code @Singleton} beans (no client proxy: a normal scope would need a no-args constructor here).
 */
public abstract class EventConsumer<T extends RexEvent> {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final EventType<T> type;
    private EventIntake intake;
    private MessagingConfig messaging;
    private TransientRetry retry;

    protected EventConsumer(EventType<T> type) {
        this.type = type;
    }

    @Inject
    public void wire(EventIntake intake, MessagingConfig messaging, TransientRetry retry) {
        this.intake = intake;
        this.messaging = messaging;
        this.retry = retry;
    }

    protected final void consume(String payload) {
        intake.checkSize(type, payload, messaging.maxRecordBytes());
        T event = intake.decode(type, payload);
        retry.run(type.topic() + " " + event.key(), () -> handle(event));
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
