package dev.rex.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The failure strategy of every incoming channel ({@code failure-strategy=rex-dead-letter}): a record whose
 * processing failed (nacked) goes to the channel's {@code dead-letter-queue.topic} ({@code <topic>.dlq}) as a
 * {@link DeadLetter} — whole, or truncated with its original size when it is larger than
 * {@code rex.messaging.max-record-bytes} — and is acknowledged once the broker has the dead letter, so the stream
 * goes on. Unlike SmallRye's own {@code dead-letter-queue} strategy, an over-size record cannot stop the channel (its
 * producer's {@code max.request.size} fits every letter it builds), a dead letter that cannot be written for a while
 * (broker down) is retried, and a record nacked because the service is stopping (or whose transient failure was
 * interrupted by the stop) is left unacknowledged: it is redelivered after the restart instead of dead-lettered.
 */
@ApplicationScoped
@Identifier(RexDeadLetterQueue.STRATEGY)
public class RexDeadLetterQueue implements KafkaFailureHandler.Factory {
    public static final String STRATEGY = "rex-dead-letter";
    private static final Logger LOG = Logger.getLogger(RexDeadLetterQueue.class);

    private final MessagingConfig config;
    private final MeterRegistry registry;
    private final Map<String, KafkaProducer<String, byte[]>> producers = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public RexDeadLetterQueue(MessagingConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void close() {
        producers.values().forEach(p -> p.close(Duration.ofSeconds(5)));
    }

    /** The dead-letter producer's request limit: the largest whole record plus room for the reason headers. */
    public static int maxRequestSize(MessagingConfig config) {
        return config.maxRecordBytes() + MessagingConfig.DEAD_LETTER_HEADROOM_BYTES;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration channel, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        String topic = channel.getTopic().orElse(channel.getChannel());
        String dlq = channel.getDeadLetterQueueTopic().orElse(topic + ".dlq");
        KafkaProducer<String, byte[]> producer = producers.computeIfAbsent(channel.getBootstrapServers(), this::producer);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                return deadLetter(dlq, producer, record, reason, reportFailure);
            }
        };
    }

    private <K, V> Uni<Void> deadLetter(String dlq, KafkaProducer<String, byte[]> producer,
                                        IncomingKafkaRecord<K, V> record, Throwable reason,
                                        BiConsumer<Throwable, Boolean> reportFailure) {
        FailureKind kind = FailureKind.of(reason);
        if (kind == FailureKind.SHUTDOWN || kind == FailureKind.TRANSIENT && stopping) {
            LOG.infof("%s-%d@%d left unacknowledged for redelivery after the restart (stopping): %s",
                    record.getTopic(), record.getPartition(), record.getOffset(), reason.getMessage());
            return Uni.createFrom().nothing();
        }
        byte[] value = bytes(record.getPayload());
        String key = record.getKey() == null ? null : record.getKey().toString();
        ProducerRecord<String, byte[]> letter = DeadLetter.of(dlq, record.getTopic(), record.getPartition(),
                record.getOffset(), key, value, record.getHeaders(), reason, config.maxRecordBytes(),
                config.deadLetterPayloadBytes());
        LOG.warnf("%s-%d@%d (key %s) dead-lettered to %s: %s", record.getTopic(), record.getPartition(),
                record.getOffset(), key, dlq, DeadLetter.cut(String.valueOf(reason.getMessage())));
        return send(producer, letter)
                .onFailure(f -> FailureKind.isTransient(f) && !stopping).retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .onFailure(f -> FailureKind.of(f) == FailureKind.PERMANENT && value != null).recoverWithUni(f -> {
                    // e.g. a broker with a lower message.max.bytes: keep the beginning rather than stop the channel
                    LOG.errorf("dead letter of %s-%d@%d refused (%s); sending it truncated", record.getTopic(),
                            record.getPartition(), record.getOffset(), f.getMessage());
                    return send(producer, DeadLetter.of(dlq, record.getTopic(), record.getPartition(),
                            record.getOffset(), key, value, record.getHeaders(), reason, 0,
                            config.deadLetterPayloadBytes()));
                })
                .onItem().transformToUni(sent -> {
                    registry.counter("rex.dead.letters", "topic", record.getTopic(), "kind",
                            DeadLetter.kindOf(reason)).increment();
                    return Uni.createFrom().completionStage(record::ack);
                })
                .onFailure().invoke(f -> {
                    LOG.errorf(f, "could not dead-letter %s-%d@%d", record.getTopic(), record.getPartition(),
                            record.getOffset());
                    reportFailure.accept(f, false);
                });
    }

    private static Uni<Void> send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> letter) {
        return Uni.createFrom().<Void>emitter(e -> producer.send(letter, (md, failure) -> {
            if (failure == null) {
                e.complete(null);
            } else {
                e.fail(failure);
            }
        })).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()); // send() may block for metadata
    }

    private static byte[] bytes(Object payload) {
        if (payload == null) {
            return null;
        }
        if (payload instanceof byte[] b) {
            return b;
        }
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "rex-dead-letters");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRequestSize(config)));
        // whole records of up to max-record-bytes: the broker's default message.max.bytes (1 MiB) must take them
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
