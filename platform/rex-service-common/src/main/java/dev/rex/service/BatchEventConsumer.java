package dev.rex.service;

import dev.rex.events.EventType;
import dev.rex.events.RexEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
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
 * Exactly once ({@link #consumeInTransaction}, for a channel with {@code commit-strategy=ignore} whose outputs go
 * to a transactional channel): {@link #handle} stores the batch and hands its outputs to {@link #publishWithBatch};
 * they are then sent in one Kafka transaction together with the batch's input offsets, so a batch is published and
 * counted as consumed together or not at all, whatever fails when (a broker killed after it wrote the records but
 * before the producer heard back included). A transaction that fails is aborted, the consumer goes back to its
 * last committed offsets and the batch comes again after a pause ({@link #handle} is idempotent: it finds its rows
 * stored). Dead letters are written before the transaction by {@link RexDeadLetterQueue}'s own producer, so a
 * batch whose transaction fails and comes again may dead-letter its poison twice (at least once on {@code .dlq}).
 * Readers of the outputs must read with {@code isolation.level=read_committed}.
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
    private KafkaClientService clients;
    /** The outputs of the batch in hand when it is consumed in a transaction; null otherwise. */
    private List<Staged> staged;
    private int failedTransactions;

    /** Outputs {@link #handle} gave {@link #publishWithBatch}, and what to do once they are committed. */
    private record Staged(List<? extends RexEvent> events, Runnable afterCommit) {
    }

    protected BatchEventConsumer(EventType<T> type) {
        this.type = type;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rex-batch-" + type.topic());
            t.setDaemon(true);
            return t;
        });
    }

    @Inject
    public void wire(EventIntake intake, MessagingConfig messaging, TransientRetry retry, KafkaClientService clients) {
        this.intake = intake;
        this.messaging = messaging;
        this.retry = retry;
        this.clients = clients;
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

    /**
     * Sends a batch's outputs on the outgoing {@code channel}'s producer and waits until the broker has them all
     * ({@link KafkaEvents#publishAll(KafkaClientService, String, List, Duration)}), for a batch consumed with
     * {@link #consume}; a failure or timeout throws, so the batch is retried.
     */
    protected final void publishAll(String channel, List<? extends RexEvent> events) {
        KafkaEvents.publishAll(clients, channel, events, publishTimeout());
    }

    /**
     * For a batch consumed with {@link #consumeInTransaction}: {@code events} are sent in the batch's Kafka
     * transaction, after {@link #handle} returned, together with its input offsets; {@code afterCommit} runs once the
     * transaction committed (not when it failed: the batch then comes again). A {@link #handle} call that throws
     * leaves nothing staged.
     */
    protected final void publishWithBatch(List<? extends RexEvent> events, Runnable afterCommit) {
        if (staged == null) {
            throw new IllegalStateException(type.topic() + ": publishWithBatch outside a batch consumed in a transaction");
        }
        staged.add(new Staged(List.copyOf(events), afterCommit));
    }

    /**
     * Processes the batch off the event loop as {@link #consume} does, then publishes what {@link #handle} staged
     * with {@link #publishWithBatch} in one transaction of the {@code outgoing} channel's transactional producer
     * that also commits the batch's offsets ({@code transactions}, the channel's emitter, declares that producer). The stage completes once the transaction committed, or once the consumer went back to its last
     * committed offsets after a failed one (the batch is then delivered again).
     *
     * @param outgoing the channel of {@code transactions} (its producer finishes a commit or abort that timed out)
     */
    protected final CompletionStage<Void> consumeInTransaction(KafkaRecordBatch<String, String> batch,
                                                               KafkaTransactions<String> transactions,
                                                               String outgoing) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            staged = new ArrayList<>();
            try {
                process(batch);
                List<Staged> outputs = List.copyOf(staged);
                if (!commit(batch, transactions, outgoing, outputs)) {
                    done.complete(null); // rewound: the batch is delivered again
                    return;
                }
                for (Staged s : outputs) afterCommit(s);
                done.complete(null);
            } catch (Stopping stopping) {
                LOG.infof("%s: stopping with a batch of %d records uncommitted", type.topic(), batch.getRecords().size());
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "%s: a batch of %d records could not be processed", type.topic(),
                        batch.getRecords().size());
                done.completeExceptionally(e);
            } finally {
                staged = null;
            }
        });
        return done;
    }

    /**
     * Bookkeeping after the commit (a published mark): the batch is consumed whatever happens here, so a failure is
     * logged, never turned into a failure of the batch (which would dead-letter records that were handled).
     */
    private void afterCommit(Staged s) {
        try {
            s.afterCommit().run();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || FailureKind.of(e) == FailureKind.SHUTDOWN) throw new Stopping();
            LOG.errorf(e, "%s: after the commit of %d event(s): %s", type.topic(), s.events().size(), e.getMessage());
        }
    }

    /**
     * One transaction: the outputs and the batch's offsets. False when it failed and was aborted: the consumer is
     * then back at its last committed offsets (retried until the broker answers), after a pause that grows with
     * consecutive failures. Waits without a limit of its own: every step is bounded by the producer's timeouts, and
     * rewinding while a commit may still complete would publish the batch twice.
     */
    private boolean commit(KafkaRecordBatch<String, String> batch, KafkaTransactions<String> transactions,
                           String outgoing, List<Staged> outputs) {
        // the producer is driven call by call rather than through transactions.withTransaction: that one (SmallRye
        // 4.33) completes successfully when the commit fails and the abort succeeds, and the batch would be lost
        io.smallrye.reactive.messaging.kafka.KafkaProducer<String, String> producer = clients.getProducer(outgoing);
        try {
            producer.beginTransaction().await().indefinitely();
            // the records go on the producer itself, from this thread: SmallRye's per-record send (a Uni, a hop to its
            // sending thread, context propagation) cost more than the send; the transaction is the producer's either way
            KafkaEvents.Direct direct = KafkaEvents.direct(clients, outgoing);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (Staged s : outputs) {
                for (RexEvent e : s.events()) sent.add(direct.send(e));
            }
            for (CompletableFuture<Void> w : sent) awaitSent(w);
            KafkaConsumer<Object, Object> consumer = consumerOf(batch);
            org.apache.kafka.clients.consumer.ConsumerGroupMetadata group =
                    consumer.consumerGroupMetadata().await().indefinitely();
            int generation = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                    .map(IncomingKafkaRecordBatchMetadata::getConsumerGroupGenerationId).orElse(-1);
            if (generation != group.generationId()) {
                throw new IllegalStateException("the consumer group rebalanced while the batch was handled "
                        + "(generation " + generation + " → " + group.generationId() + ")");
            }
            producer.sendOffsetsToTransaction(nextOffsets(batch), group).await().indefinitely();
            producer.commitTransaction().await().indefinitely();
            failedTransactions = 0;
            return true;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || FailureKind.of(e) == FailureKind.SHUTDOWN) {
                throw new Stopping();
            }
            boolean committed = finishPending(e, producer);
            if (!committed) abortQuietly(producer);
            rewind(batch); // after the pending call: the committed offsets are then what the broker decided
            if (committed) {
                LOG.infof("%s: the commit of a batch of %d records timed out and completed when retried",
                        type.topic(), batch.getRecords().size());
                failedTransactions = 0;
                return true;
            }
            failedTransactions++;
            LOG.warnf("%s: the transaction of a batch of %d records failed and was aborted (%d in a row); it comes "
                    + "again from the last committed offsets: %s", type.topic(), batch.getRecords().size(),
                    failedTransactions, e.toString());
            pause(Math.min(5000, 100L << Math.min(failedTransactions, 6)));
            return false;
        }
    }

    /** Waits for one send of a transaction; its failure is thrown as it is, so that the transaction is aborted. */
    private static void awaitSent(CompletableFuture<Void> sent) {
        try {
            sent.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /**
     * A Kafka producer whose commit or abort timed out (the broker gone) refuses every other call until that one is
     * made again and completes; the client says so only in the message of an {@link IllegalStateException}. Makes
     * the pending call again until the broker answers it. True when it was this batch's commit (the refused call
     * ended this transaction, not began it) and it completed: the batch is then published and consumed. A commit
     * refused for good is aborted.
     */
    private boolean finishPending(Throwable failure, io.smallrye.reactive.messaging.kafka.KafkaProducer<?, ?> producer) {
        String[] calls = refusedAndPending(failure);
        if (calls == null) return false;
        String pending = calls[1];
        boolean ours = !calls[0].equals("beginTransaction"); // else the pending call is an earlier batch's
        LOG.warnf("%s: the producer's %s timed out; making it again until the broker answers", type.topic(), pending);
        for (int attempt = 1; ; attempt++) {
            try {
                if (pending.equals("commitTransaction")) producer.commitTransaction().await().indefinitely();
                else producer.abortTransaction().await().indefinitely();
                return ours && pending.equals("commitTransaction");
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted() || FailureKind.of(e) == FailureKind.SHUTDOWN) {
                    throw new Stopping();
                }
                if (e instanceof org.apache.kafka.common.errors.TimeoutException || refusedAndPending(e) != null) {
                    pause(Math.min(5000, 100L << Math.min(attempt, 6)));
                    continue;
                }
                LOG.warnf("%s: the producer's %s failed: %s", type.topic(), pending, e.toString());
                if (pending.equals("commitTransaction")) {
                    try {
                        producer.abortTransaction().await().indefinitely();
                    } catch (RuntimeException abort) {
                        LOG.debugf("%s: abort after a failed commit: %s", type.topic(), abort);
                    }
                }
                return false;
            }
        }
    }

    private static final java.util.regex.Pattern PENDING = java.util.regex.Pattern.compile(
            "operation `(\\w+)` because the previous call to `(commitTransaction|abortTransaction)` timed out and must "
                    + "be retried");

    /**
     * The call the producer refused and the one it waits to be made again ({@code commitTransaction} or
     * {@code abortTransaction}), when {@code failure} is that refusal; null otherwise.
     */
    private static String[] refusedAndPending(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            java.util.regex.Matcher m = t instanceof IllegalStateException && t.getMessage() != null
                    ? PENDING.matcher(t.getMessage()) : null;
            if (m != null && m.find()) return new String[] {m.group(1), m.group(2)};
        }
        return null;
    }

    /** Back to the last committed offsets: the batch (and what was fetched after it) comes again. */
    private void rewind(KafkaRecordBatch<String, String> batch) {
        KafkaConsumer<Object, Object> consumer = consumerOf(batch);
        retryInPlace("rewind to the committed offsets",
                () -> consumer.resetToLastCommittedPositions().await().indefinitely());
    }

    private KafkaConsumer<Object, Object> consumerOf(KafkaRecordBatch<String, String> batch) {
        String channel = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(IncomingKafkaRecordBatchMetadata::getChannel)
                .orElseThrow(() -> new IllegalStateException(type.topic() + ": a batch without Kafka metadata"));
        List<KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
        if (consumers.size() != 1) {
            throw new IllegalStateException(channel + ": " + consumers.size() + " consumers; a transaction needs one");
        }
        return consumers.get(0);
    }

    /** Each partition's offset after the batch's last record on it. */
    private static Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>
    nextOffsets(KafkaRecordBatch<String, String> batch) {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> next =
                new java.util.HashMap<>();
        for (KafkaRecord<String, String> r : batch.getRecords()) {
            long offset = r.getMetadata(io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new IllegalStateException("a record without Kafka metadata")).getOffset();
            next.merge(new org.apache.kafka.common.TopicPartition(r.getTopic(), r.getPartition()),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(offset + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return next;
    }

    /** Aborts the open transaction, if any (none is open when beginning it failed). */
    private void abortQuietly(io.smallrye.reactive.messaging.kafka.KafkaProducer<?, ?> producer) {
        try {
            producer.abortTransaction().await().indefinitely();
        } catch (RuntimeException e) {
            LOG.debugf("%s: abort: %s", type.topic(), e); // nothing open, or a timed-out abort made again next time
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping();
        }
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
            return retry.call(type.topic() + " batch of " + events.size(), () -> attempt(events, payloads));
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

    /** {@link #handle}, leaving nothing staged when it throws (its retry or the record-by-record pass stages anew). */
    private Map<Integer, RuntimeException> attempt(List<T> events, List<String> payloads) {
        int before = staged == null ? 0 : staged.size();
        try {
            return handle(events, payloads);
        } catch (RuntimeException | Error e) {
            if (staged != null) staged.subList(before, staged.size()).clear();
            throw e;
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
