package dev.rex.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Raw Kafka access for service tests — write exactly the bytes a test wants (malformed ones included) with any
 * headers, and read what a service wrote (its output or its {@code .dlq}) with the headers. Reads always start at
 * the beginning of the topic without a consumer group, so they see records written before the call and leave no
 * offsets behind.
 *
 * <pre>{@code
 * try (KafkaTestClient kafka = KafkaTestClient.connect()) {
 *     kafka.send("rex.questions", "q1", "{not json");
 *     KafkaTestClient.Received dead = kafka.await("rex.questions.dlq", Duration.ofSeconds(30),
 *             r -> "q1".equals(r.key()));
 *     assertNotNull(dead.header("dead-letter-reason"));
 * }
 * }</pre>
 */
public final class KafkaTestClient implements AutoCloseable {

    /** A record as read back: key and value as written, headers as UTF-8 strings (last value of a repeated key). */
    public record Received(String topic, int partition, long offset, String key, byte[] value,
                           Map<String, String> headers) {
        /** The value as UTF-8 text, {@code null} for a null value. */
        public String text() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        /** A header's value as UTF-8 text, {@code null} when absent. */
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset + " key=" + key + " headers=" + headers.keySet()
                    + " value=" + abbreviate(text());
        }
    }

    private final String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;
    private KafkaProducer<String, byte[]> gzipProducer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A client of this test JVM's broker, the one {@link KafkaTestResource} started or found. */
    public static KafkaTestClient connect() {
        String bootstrap = System.getProperty(SharedInfra.KAFKA_PROPERTY);
        if (bootstrap == null) {
            throw new IllegalStateException("no test broker in this JVM: annotate the test class with"
                    + " @QuarkusTestResource(KafkaTestResource.class), or use new KafkaTestClient(bootstrap)");
        }
        return new KafkaTestClient(bootstrap);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Writes a UTF-8 text value (e.g. JSON, or deliberately broken JSON) and waits for the broker's ack. */
    public void send(String topic, String key, String value) {
        send(topic, key, value, Map.of());
    }

    public void send(String topic, String key, String value, Map<String, String> headers) {
        sendBytes(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Writes raw bytes (any bytes at all: a deserializer's worst case) and waits for the broker's ack. */
    public void sendBytes(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending to " + topic + " failed: " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Writes a value gzip-compressed, as a producer with {@code compression.type=gzip} does: the broker checks the
     * compressed batch against its size limit, so a value of several MB that compresses well is accepted (and a
     * consumer then reads it whole). Waits for the broker's ack.
     */
    public void sendCompressed(String topic, String key, byte[] value) {
        try {
            gzipProducer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending to " + topic + " failed: " + e.getCause().getMessage(), e);
        }
    }

    /**
     * The first {@code count} records of the topic (from its beginning), waiting up to {@code timeout} for them.
     *
     * @throws AssertionError when fewer arrive in time, listing those that did
     */
    public List<Received> consume(String topic, int count, Duration timeout) {
        List<Received> got = read(topic, timeout, seen -> seen.size() >= count);
        if (got.size() < count) {
            throw new AssertionError("expected " + count + " record(s) on " + topic + " within " + timeout
                    + ", got " + got.size() + ": " + got);
        }
        return List.copyOf(got.subList(0, count));
    }

    /**
     * The first record of the topic (from its beginning) that matches, waiting up to {@code timeout}.
     *
     * @throws AssertionError when none matches in time, listing the records that were there
     */
    public Received await(String topic, Duration timeout, Predicate<Received> match) {
        List<Received> got = read(topic, timeout, seen -> seen.stream().anyMatch(match));
        return got.stream().filter(match).findFirst().orElseThrow(() -> new AssertionError(
                "no matching record on " + topic + " within " + timeout + "; the topic held " + got.size()
                        + " record(s): " + got));
    }

    /** Every record the topic holds now (waits {@code quiet} for stragglers); for "nothing else arrived" checks. */
    public List<Received> readAll(String topic, Duration quiet) {
        return read(topic, quiet, seen -> false);
    }

    private List<Received> read(String topic, Duration timeout, Predicate<List<Received>> done) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("enable.auto.commit", "false");
        p.put("allow.auto.create.topics", "true");
        List<Received> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                // no group: assign every partition explicitly, so reading needs no rebalance
                List<PartitionInfo> infos;
                try {
                    infos = consumer.partitionsFor(topic, Duration.ofMillis(
                            Math.max(1, Math.min(1000, (deadline - System.nanoTime()) / 1_000_000))));
                } catch (TimeoutException e) {
                    infos = List.of(); // the topic is not there yet: ask again until the deadline
                }
                partitions = infos == null ? List.of() : infos.stream()
                        .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
                if (partitions.isEmpty()) {
                    sleep(100);
                }
            }
            if (partitions.isEmpty()) {
                return seen;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(seen) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(toReceived(r));
                }
            }
        }
        return seen;
    }

    private static Received toReceived(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new Received(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                Collections.unmodifiableMap(headers));
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrapServers);
            p.put("acks", "all");
            p.put("linger.ms", "0");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private synchronized KafkaProducer<String, byte[]> gzipProducer() {
        if (gzipProducer == null) {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrapServers);
            p.put("acks", "all");
            p.put("linger.ms", "0");
            p.put("compression.type", "gzip");
            p.put("max.request.size", String.valueOf(16 * 1024 * 1024)); // checked before compression
            gzipProducer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return gzipProducer;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        if (gzipProducer != null) {
            gzipProducer.close(Duration.ofSeconds(5));
            gzipProducer = null;
        }
    }
}
