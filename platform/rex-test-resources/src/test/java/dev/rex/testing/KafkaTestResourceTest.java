package dev.rex.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The resource as Quarkus drives it (start → config), and the test client against the broker it gives. */
class KafkaTestResourceTest {

    @Test
    void resourceGivesOneSharedBrokerThatTheClientWritesAndReads() {
        Map<String, String> first = new KafkaTestResource().start();
        Map<String, String> second = new KafkaTestResource().start();
        String bootstrap = first.get("kafka.bootstrap.servers");
        assertTrue(bootstrap.matches("localhost:\\d+"), bootstrap);
        assertEquals(first, second, "one broker per test JVM");

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            assertEquals(bootstrap, kafka.bootstrapServers());
            byte[] garbage = {(byte) 0xff, 0, (byte) 0xfe, '{'};
            kafka.sendBytes("rex.client.test", "bad", garbage, Map.of("origin", "test"));
            kafka.send("rex.client.test", "good", "{\"qid\":\"good\"}", Map.of("schema", "1", "origin", "test"));
            kafka.send("rex.client.test", "later", "{}");

            List<KafkaTestClient.Received> two = kafka.consume("rex.client.test", 2, Duration.ofSeconds(20));
            assertEquals("bad", two.get(0).key());
            assertArrayEquals(garbage, two.get(0).value());
            assertEquals("test", two.get(0).header("origin"));
            assertEquals("{\"qid\":\"good\"}", two.get(1).text());
            assertEquals("1", two.get(1).header("schema"));

            KafkaTestClient.Received later = kafka.await("rex.client.test", Duration.ofSeconds(20),
                    r -> "later".equals(r.key()));
            assertEquals(2, later.offset());
            assertEquals(3, kafka.readAll("rex.client.test", Duration.ofSeconds(1)).size());
        }
    }

    @Test
    void missingRecordsFailWithWhatWasThere() {
        new KafkaTestResource().start();
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send("rex.client.short", "only", "one");
            AssertionError few = assertThrows(AssertionError.class,
                    () -> kafka.consume("rex.client.short", 2, Duration.ofSeconds(2)));
            assertTrue(few.getMessage().contains("expected 2 record(s) on rex.client.short"), few.getMessage());
            assertTrue(few.getMessage().contains("key=only"), few.getMessage());
            AssertionError none = assertThrows(AssertionError.class, () ->
                    kafka.await("rex.client.short", Duration.ofSeconds(2), r -> "other".equals(r.key())));
            assertTrue(none.getMessage().contains("held 1 record(s)"), none.getMessage());
        }
    }
}
