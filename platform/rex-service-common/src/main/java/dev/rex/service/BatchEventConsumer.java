package dev.rex.service;

import dev.rex.events.EventType;
import dev.rex.events.RexEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Base of a consumer that takes its topic a poll at a time ({@code batch=true} on the channel): the subclass's
 * {@code @Incoming} method passes the {@link KafkaRecordBatch} to {@link #consume}, which decodes every record with
 * the event contract, hands the good ones to {@link #handle} together (persist them in one transaction, publish
 * their outputs together and wait for the broker), and acknowledges the batch only after that returned — the same
 * at-least-once contract as {@link EventConsumer}, one round trip per batch instead of per record.
 * <p>
 * Poison stays per record: a record over {@code rex.messaging.max-record-bytes}, one the contract rejects, or one
 * {@link #handle} refuses, is nacked alone, so the channel's {@code failure-strategy=rex-dead-letter}
 * ({@link RexDeadLetterQueue}) forwards just that record to {@code <topic>.dlq} with its reason, and its batch-mates
 * are processed. A failure of the whole batch is {@link FailureKind#TRANSIENT transient} (the database or broker
 * unavailable) and retried in place with back-off ({@link TransientRetry}), never dead-lettered; or permanent, and
 * the batch is handled again one record at a time so that the record that breaks it is found and dead-lettered
 * alone; or the service is stopping, and the batch is left unacknowledged (delivered again after the restart).
 * <p>
 * Records are handled in batch order on one thread per consumer (a partition's records keep their order), off the
 * event loop; the next batch is not delivered before the returned stage completes. Subclasses are {@code @Singleton}.
 */
public abstract class BatchEventConsumer<T extends RexEvent> {
    private static final Logger LOG = Logger.getLogger(BatchEventConsumer.class);

    private final EventType<T> type;
    private final ExecutorService worker;
    private EventIntake intake;
    private MessagingConfig messaging;
    private TransientRetry retry;

    protected BatchEventConsumer(EventType<T> type) {
        this.type = type;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rex-batch-" + type.topic());
            t.setDaemon(true);
            return t;
        });
    }

    @Inject
    public void wire(EventIntake intake, MessagingConfig messaging, TransientRetry retry) {
        this.intake = intake;
        this.messaging = messaging;
        this.retry = retry;
    }

    /**
     * Persists and publishes the results of {@code events} (in order; idempotently, since a batch can be delivered
     * again) and returns the events it refuses as poison, by index in {@code events}, with the reason (use {@link
     * #refuse}). Throws when the batch as a whole could not be processed (nothing of it may count as done).
     *
     * @param payloads each event's record value as received (to store it without encoding the event again)
     */
    protected abstract Map<Integer, RuntimeException> handle(List<T> events, List<String> payloads);

    /** A reason to dead-letter one event: names the topic, counted as {@code rejected-invalid}. */
    protected final RuntimeException refuse(String reason) {
        return intake.reject(type, reason);
    }

    protected final Duration publishTimeout() {
        return messaging.publishTimeout();
    }

    /** Processes the batch off the event loop; the stage completes once it is acknowledged. */
    protected final CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                process(batch);
                batch.ack().whenComplete((ok, failure) -> {
                    if (failure != null) done.completeExceptionally(failure);
                    else done.complete(null);
                });
            } catch (Stopping stopping) {
                // never nack: that would dead-letter every record of the batch; it is delivered again after a restart
                LOG.infof("%s: stopping with a batch of %d records unacknowledged", type.topic(),
                        batch.getRecords().size());
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "%s: a batch of %d records could not be processed", type.topic(),
                        batch.getRecords().size());
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void process(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        List<KafkaRecord<String, String>> sources = new ArrayList<>(records.size());
        List<T> events = new ArrayList<>(records.size());
        List<String> payloads = new ArrayList<>(records.size());
        List<CompletionStage<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, String> r : records) {
            try {
                intake.checkSize(type, r.getPayload(), messaging.maxRecordBytes());
                events.add(intake.decode(type, r.getPayload()));
                payloads.add(r.getPayload());
                sources.add(r);
            } catch (RuntimeException e) {
                deadLetters.add(r.nack(e));
            }
        }
        Map<Integer, RuntimeException> refused = events.isEmpty() ? Map.of() : handleOrIsolate(events, payloads);
        refused.forEach((i, reason) -> deadLetters.add(sources.get(i).nack(reason)));
        for (int i = 0; i < events.size(); i++) {
            if (!refused.containsKey(i)) intake.processed(type);
        }
        for (CompletionStage<Void> d : deadLetters) await(d);
        LOG.debugf("%s: batch of %d processed (%d dead-lettered)", type.topic(), records.size(), deadLetters.size());
    }

    /**
     * Runs a step that follows the batch's publish with its own transient retry, so a failure there (the database
     * gone after the broker took the events) does not run the batch, and its publish, again.
     */
    protected final void retryInPlace(String what, Runnable step) {
        retry.run(type.topic() + " " + what, step);
    }

    /** The batch with transient failures retried; on a permanent one, record by record to find the culprit. */
    private Map<Integer, RuntimeException> handleOrIsolate(List<T> events, List<String> payloads) {
        try {
            return retry.call(type.topic() + " batch of " + events.size(), () -> handle(events, payloads));
        } catch (RuntimeException e) {
            FailureKind kind = FailureKind.of(e);
            if (Thread.currentThread().isInterrupted() || kind == FailureKind.SHUTDOWN
                    || kind == FailureKind.TRANSIENT) { // transient only when the retry stopped for a shutdown
                throw new Stopping();
            }
            if (events.size() == 1) {
                return Map.of(0, e instanceof TransientRetry.GaveUpException ? e
                        : refuse("could not be processed: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            LOG.warnf("%s: a batch of %d failed (%s); handling its records one at a time", type.topic(),
                    events.size(), e.getMessage());
            Map<Integer, RuntimeException> refused = new TreeMap<>();
            for (int i = 0; i < events.size(); i++) {
                RuntimeException r = handleOrIsolate(List.of(events.get(i)), List.of(payloads.get(i))).get(0);
                if (r != null) refused.put(i, r);
            }
            return refused;
        }
    }

    private void await(CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().get(messaging.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping();
        } catch (Exception e) {
            throw new IllegalStateException(type.topic() + ": a dead letter was not written: " + e.getMessage(), e);
        }
    }

    /** The consumer is being stopped. */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    @PreDestroy
    void stopWorker() {
        worker.shutdownNow();
    }
}
