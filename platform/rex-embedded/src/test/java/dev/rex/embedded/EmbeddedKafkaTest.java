package dev.rex.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void brokerRoundTripsRecordsWithHeadersAndCleansUp() throws Exception {
        Path logDir;
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            String bootstrap = kafka.bootstrapServers();
            assertTrue(bootstrap.matches("localhost:\\d+"), bootstrap);
            logDir = Path.of(kafkaLogDir(kafka));
            assertTrue(Files.isDirectory(logDir), "log dir exists while running");

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 3; i++) {
                    ProducerRecord<String, String> r = new ProducerRecord<>("rex.test", "q" + i, "value-" + i);
                    r.headers().add("reason", ("r" + i).getBytes(StandardCharsets.UTF_8));
                    producer.send(r).get();
                }
            }
            Properties c = new Properties();
            c.put("bootstrap.servers", bootstrap);
            c.put("group.id", "embedded-test");
            c.put("auto.offset.reset", "earliest");
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("rex.test"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got.size() < 3 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(got::add);
                }
            }
            assertEquals(3, got.size());
            for (int i = 0; i < 3; i++) {
                assertEquals("q" + i, got.get(i).key());
                assertEquals("value-" + i, got.get(i).value());
                assertEquals("r" + i, new String(got.get(i).headers().lastHeader("reason").value(),
                        StandardCharsets.UTF_8));
            }
        }
        assertFalse(Files.exists(logDir), "close() removes the broker's temporary directory");
    }

    private static String kafkaLogDir(EmbeddedKafka kafka) throws ReflectiveOperationException {
        var f = EmbeddedKafka.class.getDeclaredField("dir");
        f.setAccessible(true);
        return f.get(kafka).toString();
    }
}
