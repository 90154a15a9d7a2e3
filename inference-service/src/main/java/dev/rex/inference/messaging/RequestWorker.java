package dev.rex.inference.messaging;

import dev.rex.events.EventCodec;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.events.RexHeaders;
import dev.rex.inference.answering.BatchAnswering;
import dev.rex.inference.answering.WorkerAnswerers;
import dev.rex.inference.model.ModelHolder;
import dev.rex.inference.model.ServedModels;
import dev.rex.inference.model.ServingModel;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.service.DeadLetter;
import dev.rex.service.FailureKind;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One inference worker: a Kafka consumer of {@code rex.inference.requests} in the replicas' group, a transactional
 * producer and its own answerers. Each batch of records polled together (up to {@code max-batch}, waiting at most
 * {@code max-wait} for more) is one Kafka transaction: its predictions, its dead letters and its input offsets are
 * committed together or not at all, so a replica killed mid-batch leaves nothing half-published (consumers read
 * {@code rex.predictions} with {@code isolation.level=read_committed}) and the batch is answered again by whoever
 * gets its partitions. Rows are stored before the commit; a request whose row is already there (same request id)
 * is published again from its row, not run through the model again.
 * <p>
 * A failure (database, broker) aborts the transaction, rewinds to the batch's first offsets and retries after a
 * pause: nothing is skipped. A fenced producer (another process took this worker's transactional id) ends the
 * worker.
 */
final class RequestWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(RequestWorker.class);
    private static final String TOPIC = EventTypes.INFERENCE_REQUEST.topic();
    /** Failed attempts of a batch before its records are taken one at a time (twice that: a lone one is poison). */
    private static final int ISOLATE_AFTER = 3;

    private final String name;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final int maxBatch;
    private final Duration maxWait;
    private final ModelHolder holder;
    private final BatchAnswering answering;
    private final InferenceRepository repository;
    private final RequestMetrics metrics;
    private final int maxRecordBytes;
    private final int deadLetterPayloadBytes;
    private final List<ConsumerRecord<String, byte[]>> collecting = new ArrayList<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Set<TopicPartition> assigned = Set.of();
    private volatile String lastError;
    private volatile boolean ended;

    RequestWorker(String name, Map<String, Object> consumerConfig, Map<String, Object> producerConfig, int maxBatch,
                  Duration maxWait, ModelHolder holder, BatchAnswering answering, InferenceRepository repository,
                  RequestMetrics metrics, int maxRecordBytes, int deadLetterPayloadBytes) {
        this.maxRecordBytes = maxRecordBytes;
        this.deadLetterPayloadBytes = deadLetterPayloadBytes;
        this.name = name;
        this.consumerConfig = consumerConfig;
        this.producerConfig = producerConfig;
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.holder = holder;
        this.answering = answering;
        this.repository = repository;
        this.metrics = metrics;
    }

    String name() {
        return name;
    }

    Set<TopicPartition> assigned() {
        return assigned;
    }

    String lastError() {
        return lastError;
    }

    boolean ended() {
        return ended;
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) c.wakeup();
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig);
             WorkerAnswerers answerers = new WorkerAnswerers()) {
            consumer = c;
            producer.initTransactions();
            c.subscribe(List.of(TOPIC), new Rebalance());
            long generation = -1;
            int failures = 0;
            while (running) {
                // after repeated failures, one record at a time: a record that always fails is then found alone
                List<ConsumerRecord<String, byte[]>> batch = pollBatch(c, failures >= ISOLATE_AFTER ? 1 : maxBatch);
                if (holder.generation() != generation) {
                    generation = holder.generation();
                    answerers.keepOnly(Set.copyOf(holder.servedNow()));
                }
                if (batch.isEmpty()) continue;
                try {
                    process(batch, c, producer, answerers);
                    failures = 0;
                    lastError = null;
                } catch (ProducerFencedException | InvalidProducerEpochException | AuthorizationException e) {
                    throw e;
                } catch (WakeupException e) {
                    abortQuietly(producer);
                    break;
                } catch (RuntimeException e) {
                    failures++;
                    lastError = e.toString();
                    if (batch.size() == 1 && failures >= 2 * ISOLATE_AFTER && FailureKind.of(e) == FailureKind.PERMANENT) {
                        abortQuietly(producer);
                        if (deadLetterAlone(batch.get(0), e, c, producer)) {
                            failures = 0;
                            continue;
                        }
                    }
                    LOG.warnf("%s: batch of %d record(s) failed, aborted and retried (attempt %d): %s", name,
                            batch.size(), failures, e);
                    abortQuietly(producer);
                    rewind(c, batch);
                    pause(Math.min(5000, 100L << Math.min(failures, 6)));
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            lastError = e.toString();
            LOG.errorf(e, "%s stopped: %s", name, e);
        } finally {
            ended = true;
            consumer = null;
        }
    }

    /** Records polled until {@code max-batch} are there or {@code max-wait} passed since the first arrived. */
    private List<ConsumerRecord<String, byte[]>> pollBatch(KafkaConsumer<String, byte[]> c, int maxBatch) {
        collecting.clear();
        long deadline = 0;
        while (running && collecting.size() < maxBatch) {
            long left = collecting.isEmpty() ? 200 : (deadline - System.nanoTime()) / 1_000_000;
            if (!collecting.isEmpty() && left <= 0) break;
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(Math.max(1, left)))) {
                collecting.add(r);
            }
            if (collecting.isEmpty()) return List.of(); // nothing yet: back to the loop (model refresh, stop)
            if (deadline == 0) deadline = System.nanoTime() + maxWait.toNanos();
        }
        if (collecting.size() > maxBatch) {
            // the last poll overshot: its tail goes back to the consumer for the next batch
            List<ConsumerRecord<String, byte[]>> excess = collecting.subList(maxBatch, collecting.size());
            Map<TopicPartition, Long> first = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : excess) {
                first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
            }
            first.forEach(c::seek);
            excess.clear();
        }
        return new ArrayList<>(collecting);
    }

    private void process(List<ConsumerRecord<String, byte[]>> batch, KafkaConsumer<String, byte[]> c,
                         KafkaProducer<String, byte[]> producer, WorkerAnswerers answerers) {
        producer.beginTransaction();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        Map<ConsumerRecord<String, byte[]>, BatchAnswering.Pending> decoded = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> rec : batch) {
            try {
                String payload = text(rec.value());
                metrics.intake().checkSize(EventTypes.INFERENCE_REQUEST, payload, maxRecordBytes);
                InferenceRequestEvent r = metrics.intake().decode(EventTypes.INFERENCE_REQUEST, payload);
                requireNoNul(r);
                String requestedAt = r.requestedAt() != null ? r.requestedAt()
                        : Instant.ofEpochMilli(rec.timestamp()).toString();
                decoded.put(rec, new BatchAnswering.Pending(r, requestedAt));
            } catch (RuntimeException e) {
                out.add(deadLetter(rec, e));
            }
        }
        Map<String, PredictionEvent> stored = repository.predictionsOfRequests(
                decoded.values().stream().map(p -> p.request().id()).collect(Collectors.toCollection(HashSet::new)));
        List<BatchAnswering.Pending> fresh = decoded.values().stream()
                .filter(p -> !stored.containsKey(p.request().id())).toList();
        ServedModels served = holder.acquire();
        Map<BatchAnswering.Pending, BatchAnswering.Outcome> outcomes = new HashMap<>();
        try {
            for (BatchAnswering.Outcome o : answering.answer(fresh, served, answerers)) {
                outcomes.put(o.pending(), o);
            }
        } finally {
            holder.release(served);
        }
        List<InferenceRepository.Answered> rows = new ArrayList<>();
        List<PredictionEvent> published = new ArrayList<>();
        for (Map.Entry<ConsumerRecord<String, byte[]>, BatchAnswering.Pending> e : decoded.entrySet()) {
            BatchAnswering.Pending p = e.getValue();
            PredictionEvent prediction = stored.get(p.request().id());
            if (prediction == null) {
                BatchAnswering.Outcome o = outcomes.get(p);
                if (o.rejection() != null) {
                    out.add(deadLetter(e.getKey(), metrics.intake().reject(EventTypes.INFERENCE_REQUEST, o.rejection())));
                    continue;
                }
                prediction = o.prediction();
            } else {
                metrics.redelivered();
            }
            rows.add(new InferenceRepository.Answered(p.request(), prediction));
            published.add(prediction);
            ProducerRecord<String, byte[]> pr = new ProducerRecord<>(EventTypes.PREDICTION.topic(), prediction.key(),
                    EventCodec.encode(prediction).getBytes(StandardCharsets.UTF_8));
            pr.headers().add(RexHeaders.CORRELATION_ID, prediction.correlationId().getBytes(StandardCharsets.UTF_8));
            pr.headers().add(RexHeaders.EVENT_ID, prediction.id().getBytes(StandardCharsets.UTF_8));
            out.add(pr);
        }
        repository.saveAll(rows);
        for (ProducerRecord<String, byte[]> r : out) {
            producer.send(r);
        }
        producer.sendOffsetsToTransaction(nextOffsets(batch), c.groupMetadata());
        producer.commitTransaction();
        metrics.committed(batch.size(), published);
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> rec, Throwable reason) {
        return DeadLetter.of(rec.topic() + ".dlq", rec.topic(), rec.partition(), rec.offset(), rec.key(), rec.value(),
                rec.headers(), reason, maxRecordBytes, deadLetterPayloadBytes);
    }

    /** PostgreSQL text cannot hold NUL: such a request could never be stored, so it is refused at the door. */
    private void requireNoNul(InferenceRequestEvent r) {
        for (String field : new String[]{r.id(), r.correlationId(), r.qid(), r.imageId(), r.question(), r.split(),
                r.modelVersion(), r.requestedAt()}) {
            if (field != null && field.indexOf('\u0000') >= 0) {
                throw metrics.intake().reject(EventTypes.INFERENCE_REQUEST, "a field holds a NUL character "
                        + "(U+0000), which no qid, id or text may contain");
            }
        }
    }

    /** A record that failed alone, again and again, with a permanent error: dead-lettered in its own transaction. */
    private boolean deadLetterAlone(ConsumerRecord<String, byte[]> rec, RuntimeException reason,
                                   KafkaConsumer<String, byte[]> c, KafkaProducer<String, byte[]> producer) {
        try {
            producer.beginTransaction();
            producer.send(deadLetter(rec, reason));
            producer.sendOffsetsToTransaction(nextOffsets(List.of(rec)), c.groupMetadata());
            producer.commitTransaction();
            LOG.errorf("%s: %s-%d@%d dead-lettered after repeated failures: %s", name, rec.topic(), rec.partition(),
                    rec.offset(), reason);
            return true;
        } catch (RuntimeException e) {
            abortQuietly(producer);
            rewind(c, List.of(rec));
            return false;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            next.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return next;
    }

    /** Back to the first record of the failed batch on each partition still assigned to this worker. */
    private static void rewind(KafkaConsumer<String, byte[]> c, List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        Set<TopicPartition> mine = c.assignment();
        first.forEach((tp, offset) -> {
            if (mine.contains(tp)) c.seek(tp, offset);
        });
    }

    private void abortQuietly(KafkaProducer<String, byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (IllegalStateException | KafkaException e) {
            LOG.debugf("%s: abort: %s", name, e); // no transaction was open, or the broker aborts it on timeout
        }
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records collected from a partition this worker just lost are not its to answer any more. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            collecting.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            Set<TopicPartition> now = new HashSet<>(assigned);
            now.removeAll(partitions);
            assigned = Set.copyOf(now);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<TopicPartition> now = new HashSet<>(assigned);
            now.addAll(partitions);
            assigned = Set.copyOf(now);
            LOG.infof("%s: partitions %s", name, assigned.stream().map(TopicPartition::partition).sorted().toList());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }
}
