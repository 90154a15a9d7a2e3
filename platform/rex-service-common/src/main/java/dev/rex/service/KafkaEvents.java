package dev.rex.service;

import dev.rex.events.EventCodec;
import dev.rex.events.RexEvent;
import dev.rex.events.RexHeaders;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishing an event as a Kafka record: JSON value, the event's key, and the envelope copied into headers.
 * {@link #publish} waits for the broker's acknowledgement, so a consumer that publishes from its handler acks
 * its own input only after the output is durable (ARCHITECTURE §3: nothing silently disappears).
 */
public final class KafkaEvents {
    private KafkaEvents() {
    }

    /** Sends {@code event} on {@code emitter}'s channel and blocks until the broker has it (or fails). */
    public static void publish(Emitter<String> emitter, RexEvent event, Duration timeout) {
        CompletableFuture<Void> written = send(emitter, event);
        try {
            written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + describe(event), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + describe(event) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge " + describe(event) + " within " + timeout, e);
        }
    }

    /**
     * Sends every event (in order: the producer keeps a partition's order) and blocks until the broker has them all;
     * the first failure or a timeout (for the whole lot) throws, naming the event. A batch consumer's outputs: one
     * wait for the batch instead of a round trip per record. The emitter's buffer must hold {@code events}.
     */
    public static void publishAll(Emitter<String> emitter, List<? extends RexEvent> events, Duration timeout) {
        List<CompletableFuture<Void>> written = new ArrayList<>(events.size());
        for (RexEvent e : events) written.add(send(emitter, e));
        awaitAll(events, written, timeout);
    }

    private static void awaitAll(List<? extends RexEvent> events, List<CompletableFuture<Void>> written,
                                 Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < written.size(); i++) {
            RexEvent event = events.get(i);
            try {
                written.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing " + describe(event), e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not publish " + describe(event) + ": " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("broker did not acknowledge " + describe(event) + " within " + timeout, e);
            }
        }
    }

    /**
     * As {@link #publishAll(Emitter, List, Duration)}, straight on the Kafka producer of the outgoing {@code channel}
     * from the calling thread: a batch consumer's hundreds of outputs then skip the emitter's per-message wrapping and
     * the hop to SmallRye's sending thread, which cost as much CPU as the sending itself. The channel's emitter must
     * still be injected somewhere: it is what makes SmallRye create the producer.
     */
    public static void publishAll(KafkaClientService clients, String channel, List<? extends RexEvent> events,
                                  Duration timeout) {
        if (events.isEmpty()) return;
        Direct direct = direct(clients, channel);
        List<CompletableFuture<Void>> written = new ArrayList<>(events.size());
        for (RexEvent e : events) written.add(direct.send(e));
        awaitAll(events, written, timeout);
    }

    /** Sends events straight on one outgoing channel's Kafka producer, from the calling thread (one thread at a time). */
    @FunctionalInterface
    public interface Direct {
        /** Queues {@code event}; the future completes when the broker acknowledges it, or fails. */
        CompletableFuture<Void> send(RexEvent event);
    }

    /**
     * The producer of the outgoing {@code channel}, used directly (see {@link #publishAll(KafkaClientService, String,
     * List, Duration)} for why); the channel's emitter must be injected somewhere so that SmallRye creates it.
     */
    public static Direct direct(KafkaClientService clients, String channel) {
        String topic = ConfigProvider.getConfig().getValue("mp.messaging.outgoing." + channel + ".topic", String.class);
        return new Direct() {
            // looked up at the first send: SmallRye may not have created it yet when the sender is made (at startup)
            private org.apache.kafka.clients.producer.Producer<String, String> producer;

            @Override
            public CompletableFuture<Void> send(RexEvent event) {
                CompletableFuture<Void> w = new CompletableFuture<>();
                try {
                    if (producer == null) producer = clients.<String, String>getProducer(channel).unwrap();
                    producer.send(record(topic, event), (metadata, failure) -> {
                        if (failure != null) w.completeExceptionally(failure);
                        else w.complete(null);
                    });
                } catch (RuntimeException failure) { // refused before it was queued (e.g. no metadata in max.block.ms)
                    w.completeExceptionally(failure);
                }
                return w;
            }
        };
    }

    /**
     * Sends {@code event} without waiting: the future completes when the broker acknowledges it (or fails). For
     * bulk producers that keep a bounded window of records in flight; keep the window below the emitter's buffer.
     */
    public static CompletableFuture<Void> send(Emitter<String> emitter, RexEvent event) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        Message<String> message = message(event)
                .withAck(() -> {
                    written.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    written.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return written;
    }

    /** {@code event} as the record it is published as (for a transactional emitter, which tracks the send itself). */
    public static Message<String> message(RexEvent event) {
        return Message.of(EventCodec.encode(event), Metadata.of(metadata(event)));
    }

    /** {@code event} as a record of {@code topic}, for a producer used directly (a batch's transaction). */
    public static org.apache.kafka.clients.producer.ProducerRecord<String, String> record(String topic, RexEvent event) {
        return new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null, event.key(),
                EventCodec.encode(event), headers(event));
    }

    static OutgoingKafkaRecordMetadata<String> metadata(RexEvent event) {
        return OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).withHeaders(headers(event)).build();
    }

    private static RecordHeaders headers(RexEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RexHeaders.EVENT_ID, bytes(event.id()));
        headers.add(RexHeaders.CORRELATION_ID, bytes(event.correlationId()));
        headers.add(RexHeaders.SCHEMA_VERSION, bytes(Integer.toString(event.schemaVersion())));
        return headers;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(RexEvent event) {
        return event.getClass().getSimpleName() + " " + event.key();
    }
}
