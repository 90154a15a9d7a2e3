package dev.rex.cli;

import dev.rex.events.RexHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Re-publishing the dead letters of {@code T.dlq} to {@code T}: each with its key, value and own headers (the
 * {@code dead-letter-*} ones dropped, {@code rex-replayed-from} added), in the dead-letter topic's order. Reads up to
 * the end the topic had when the replay started, from the position of consumer group {@code rex-dlq-replay-T}
 * (committed only after every replayed record is acknowledged), so a replay repeated later publishes only the dead
 * letters that arrived since. A truncated dead letter (an over-size record) is skipped: it is not the record.
 */
final class DeadLetterReplay {
    static final String REPLAYED_FROM = "rex-replayed-from";

    record Result(long read, long replayed, long skipped, Map<String, Long> byReason) {
    }

    private final String bootstrap;
    private final Duration timeout;

    DeadLetterReplay(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    static String group(String topic) {
        return "rex-dlq-replay-" + topic;
    }

    Result replay(String topic, boolean dryRun, boolean fromBeginning, BiConsumer<Long, Long> progress) {
        String dlq = topic + ".dlq";
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", group(topic));
        c.put("enable.auto.commit", "false");
        c.put("auto.offset.reset", "earliest");
        c.put("max.partition.fetch.bytes", String.valueOf(2 * 1024 * 1024));
        c.put("default.api.timeout.ms", String.valueOf(timeout.toMillis()));
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.request.size", String.valueOf(2 * 1024 * 1024));
        p.put("compression.type", "gzip");
        p.put("max.block.ms", String.valueOf(timeout.toMillis()));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = dryRun ? null
                     : new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(dlq, timeout);
            if (infos == null || infos.isEmpty()) {
                return new Result(0, 0, 0, Map.of()); // no dead letter ever: the topic does not exist
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(dlq, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> start = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions),
                    timeout);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, timeout);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = fromBeginning ? null : committed.get(tp);
                long from = at == null ? beginning.get(tp) : Math.max(at.offset(), beginning.get(tp));
                start.put(tp, from);
                consumer.seek(tp, from);
            }
            long total = partitions.stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
            progress.accept(0L, total);
            long read = 0;
            long replayed = 0;
            long skipped = 0;
            Map<String, Long> reasons = new TreeMap<>();
            Map<TopicPartition, Long> position = new HashMap<>(start);
            List<Future<?>> sends = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> position.get(tp) < end.get(tp))) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty() && System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker at " + bootstrap + " sent no more of " + dlq
                            + " within " + timeout.toSeconds() + " s (--timeout); replayed " + replayed + " so far");
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue; // arrived after the replay started (maybe our own replays failing again)
                    }
                    position.put(tp, r.offset() + 1);
                    read++;
                    reasons.merge(reasonGroup(header(r, RexHeaders.DEAD_LETTER_REASON)), 1L, Long::sum);
                    if ("true".equals(header(r, RexHeaders.DEAD_LETTER_TRUNCATED))) {
                        skipped++;
                    } else if (!dryRun) {
                        sends.add(producer.send(replayed(topic, r)));
                        replayed++;
                    } else {
                        replayed++;
                    }
                    progress.accept(read, total);
                }
                deadline = System.nanoTime() + timeout.toNanos();
            }
            if (!dryRun) {
                producer.flush();
                for (Future<?> f : sends) {
                    f.get(); // every replayed record acknowledged before the position is committed
                }
                Map<TopicPartition, OffsetAndMetadata> commit = new LinkedHashMap<>();
                position.forEach((tp, off) -> commit.put(tp, new OffsetAndMetadata(off)));
                consumer.commitSync(commit, timeout);
            }
            return new Result(read, replayed, skipped, reasons);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + dlq, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replaying to " + topic + " failed: " + e.getCause().getMessage(), e);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("the broker at " + bootstrap + " did not answer within "
                    + timeout.toSeconds() + " s (--timeout, --bootstrap-servers): " + e.getMessage(), e);
        }
    }

    private static ProducerRecord<String, byte[]> replayed(String topic, ConsumerRecord<String, byte[]> r) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            if (!h.key().startsWith("dead-letter-") && !h.key().equals(REPLAYED_FROM)) {
                headers.add(h);
            }
        }
        headers.add(REPLAYED_FROM, (r.topic() + "-" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, r.key(), r.value(), headers);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A reason without what varies per record (qids, numbers), so that dead letters group by cause. */
    static String reasonGroup(String reason) {
        if (reason == null) {
            return "(no reason header)";
        }
        String r = reason.replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
        return r.length() <= 140 ? r : r.substring(0, 140) + "…";
    }
}
