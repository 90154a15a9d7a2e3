package dev.rex.inference.replicas;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a topic from its beginning, as a downstream consumer with the given isolation level sees it. */
public final class CommittedPredictions {
    private CommittedPredictions() {
    }

    /** Values of records whose key matches, read until {@code done} holds for them or the timeout passes. */
    public static List<ConsumerRecord<String, String>> read(String bootstrap, String topic, String isolation,
                                                     Predicate<String> key, Predicate<List<ConsumerRecord<String, String>>> done,
                                                     Duration timeout) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "enable.auto.commit", "false", "isolation.level", isolation), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (parts.isEmpty()) return seen; // no such topic: nothing was ever written to it
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(seen) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (key.test(r.key())) seen.add(r);
                }
            }
        }
        return seen;
    }
}
