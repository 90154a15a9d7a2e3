package dev.rex.cli;

import dev.rex.embedded.EmbeddedKafka;
import dev.rex.events.RexHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rex dlq replay} on a real broker: what it re-publishes, what it skips, and that a replay is not repeated. */
class DlqReplayCommandTest {

    private static ProducerRecord<String, byte[]> letter(String key, String value, boolean truncated) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>("rex.demo.dlq", key, value.getBytes(StandardCharsets.UTF_8));
        r.headers().add("rex-correlation-id", ("c-" + key).getBytes(StandardCharsets.UTF_8));
        r.headers().add(RexHeaders.DEAD_LETTER_REASON, ("rex.demo: database update failed for '" + key + "'")
                .getBytes(StandardCharsets.UTF_8));
        r.headers().add(RexHeaders.DEAD_LETTER_TOPIC, "rex.demo".getBytes(StandardCharsets.UTF_8));
        if (truncated) {
            r.headers().add(RexHeaders.DEAD_LETTER_TRUNCATED, "true".getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    private static String run(String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, RexCli.commandLine().execute(args));
        } finally {
            System.setOut(before);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return out;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            var infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) return out;
            List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long end = c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < end && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void replaysEachDeadLetterOnceAndSkipsTruncatedOnes() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            String bootstrap = kafka.bootstrapServers();
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(letter("q1", "{\"qid\":\"q1\"}", false)).get();
                producer.send(letter("q2", "{\"qid\":\"q2\"}", false)).get();
                producer.send(letter("q3", "{\"qid\":\"q3\", \"padd", true)).get();
            }
            String dry = run("dlq", "replay", "--topic", "rex.demo", "--dry-run", "--bootstrap-servers", bootstrap);
            assertTrue(dry.contains("held 3 dead letter(s)") && dry.contains("would replay 2, skipped 1"), dry);
            assertTrue(dry.contains("3  rex.demo: database update failed for '…'"), dry);
            assertTrue(readAll(bootstrap, "rex.demo").isEmpty(), "a dry run publishes nothing");

            String out = run("dlq", "replay", "--topic", "rex.demo", "--bootstrap-servers", bootstrap);
            assertTrue(out.contains("replayed to rex.demo 2, skipped 1"), out);
            List<ConsumerRecord<String, byte[]>> replayed = readAll(bootstrap, "rex.demo");
            assertEquals(List.of("q1", "q2"), replayed.stream().map(ConsumerRecord::key).toList());
            ConsumerRecord<String, byte[]> first = replayed.get(0);
            assertEquals("{\"qid\":\"q1\"}", new String(first.value(), StandardCharsets.UTF_8));
            assertEquals("c-q1", new String(first.headers().lastHeader("rex-correlation-id").value(), StandardCharsets.UTF_8));
            assertNull(first.headers().lastHeader(RexHeaders.DEAD_LETTER_REASON), "reason headers dropped");
            assertEquals("rex.demo.dlq-0@0", new String(first.headers().lastHeader(DeadLetterReplay.REPLAYED_FROM).value(),
                    StandardCharsets.UTF_8));

            String again = run("dlq", "replay", "--topic", "rex.demo", "--bootstrap-servers", bootstrap);
            assertTrue(again.contains("held 0 dead letter(s)"), "each dead letter is replayed once: " + again);
            assertEquals(2, readAll(bootstrap, "rex.demo").size());
            String all = run("dlq", "replay", "--topic", "rex.demo", "--from-beginning", "--bootstrap-servers", bootstrap);
            assertTrue(all.contains("replayed to rex.demo 2"), all);
        }
    }

    @Test
    void aDeadLetterTopicNameIsAPlainError() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = RexCli.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        assertEquals(2, cl.execute("dlq", "replay", "--topic", "rex.programs.dlq", "--bootstrap-servers", "localhost:1"));
        assertTrue(err.toString().contains("use --topic rex.programs"), err.toString());
    }
}
