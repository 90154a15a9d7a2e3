package dev.rex.cli;

import dev.rex.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads {@code rex.explanations} from its end as it was before an ingest started and counts the events of the
 * ingest's qids (the topic's key): when the last of them arrived, and how many arrived more than once.
 */
final class IngestWatch implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> expected;
    private final Map<String, Integer> seen = new HashMap<>();
    private long lastArrival;

    IngestWatch(String bootstrap, Set<String> expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // assigned, no group: nothing to commit
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // explanations are published in transactions
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer()); // only keys are read
        this.expected = expected;
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EXPLANATIONS, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, before anything is imported
    }

    /** Polls once; returns how many distinct expected qids have arrived so far. */
    int poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.key() != null && expected.contains(r.key())) {
                seen.merge(r.key(), 1, Integer::sum);
                lastArrival = System.nanoTime();
            }
        }
        return seen.size();
    }

    /** {@link System#nanoTime()} of the last expected event (0 before the first). */
    long lastArrival() {
        return lastArrival;
    }

    boolean seen(String qid) {
        return seen.containsKey(qid);
    }

    /** How many qids it waits for. */
    int expected() {
        return expected.size();
    }

    int distinct() {
        return seen.size();
    }

    /** Events beyond the first for the same qid. */
    long duplicates() {
        return seen.values().stream().mapToLong(n -> n - 1).sum();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
