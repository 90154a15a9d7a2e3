package dev.rex.service.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rex.events.EventCodec;
import dev.rex.events.EventType;
import dev.rex.events.RexEvent;
import dev.rex.events.RexHeaders;
import dev.rex.service.RexDeadLetterQueue;
import dev.rex.testing.KafkaTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every REX service is tested against, on the real broker and database (the subclass names the
 * test resources): it consumes an event of its input topic, persists it and produces its output; a malformed
 * record, one of an unknown schema version and one with an invalid field each land in {@code <input>.dlq} with a
 * reason header, and the next good record is still processed while the service stays ready.
 * <p>
 * A subclass is one {@code @QuarkusTest} per service; it says what a good input looks like and how to check
 * its result, and adds tests for any further input channel.
 */
public abstract class ServicePipelineTest {
    /** Generous: the first record also pays for the consumer group's join and the topics' creation. */
    protected static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI base;

    protected KafkaTestClient kafka;

    private final EventType<?> inputType;
    private final Map<String, EventType<?>> incomingChannels;

    /**
     * @param inputType        the main input, whose processing the pipeline tests drive
     * @param incomingChannels every incoming channel of the service → the event type it reads (each must follow the
     *                         dead-letter contract)
     */
    protected ServicePipelineTest(EventType<?> inputType, Map<String, EventType<?>> incomingChannels) {
        this.inputType = inputType;
        this.incomingChannels = incomingChannels;
    }

    protected EventType<?> inputType() {
        return inputType;
    }

    /** A valid input event for {@code qid}. */
    protected abstract RexEvent input(String qid);

    /** Asserts that {@code input} was persisted and its output event(s) produced. */
    protected abstract void assertHandled(RexEvent input);

    @BeforeEach
    void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    /** The write operations ({@code "POST /api/x/{id}"}) this service's OpenAPI document must list. */
    protected abstract Set<String> writeOperations();

    /** A request answered with its status after every bad REST input (it proves the service goes on). */
    protected abstract RestBoundary.Good goodRestRequest();

    /** Bad REST inputs of this service's own API; the common ones ({@link RestBoundary#commonProbes}) are added. */
    protected List<RestBoundary.Probe> restProbes() {
        return List.of();
    }

    @Test
    void everyWriteOfTheOpenApiDocumentNeedsTheApiKey() {
        RestBoundary.everyWriteNeedsTheKey(base, writeOperations());
    }

    @Test
    void badRestInputsGetAProblemAndTheServiceGoesOn() {
        List<RestBoundary.Probe> probes = new ArrayList<>(RestBoundary.commonProbes(base));
        probes.addAll(restProbes());
        RestBoundary.badInputs(base, probes, goodRestRequest());
    }

    @Test
    void everyInputChannelDeadLettersToItsTopicsDlq() {
        Config config = ConfigProvider.getConfig();
        incomingChannels.forEach((channel, type) -> {
            String p = "mp.messaging.incoming." + channel + ".";
            assertEquals(type.topic(), config.getValue(p + "topic", String.class), channel + " topic");
            assertEquals(RexDeadLetterQueue.STRATEGY, config.getValue(p + "failure-strategy", String.class), channel);
            assertEquals(type.dlqTopic(), config.getValue(p + "dead-letter-queue.topic", String.class), channel);
            assertEquals(Boolean.FALSE, config.getValue(p + "fail-on-deserialization-failure", Boolean.class), channel);
            // size limits that fit together: the consumer fetches what the service accepts; the dead-letter
            // producer can write any accepted record whole plus its reason headers
            int maxRecord = config.getValue("rex.messaging.max-record-bytes", Integer.class);
            assertEquals(maxRecord, config.getValue(p + "max.partition.fetch.bytes", Integer.class), channel);
            // SmallRye's throttled commits stop a channel whose record stays unacknowledged longer than this: longer
            // than the retries (a channel whose offsets go in Kafka transactions, commit-strategy=ignore, has no such age)
            Duration giveUp = config.getValue("rex.messaging.retry-give-up-after", Duration.class);
            String commits = config.getOptionalValue(p + "commit-strategy", String.class).orElse("throttled");
            if ("ignore".equals(commits)) {
                assertEquals("read_committed", config.getValue(p + "isolation.level", String.class), channel
                        + ": a channel committed in transactions rewinds to stable offsets only under read_committed");
            } else {
                assertTrue(config.getValue(p + "throttled.unprocessed-record-max-age.ms", Long.class)
                        > giveUp.toMillis(), channel
                        + ": throttled.unprocessed-record-max-age.ms must exceed rex.messaging.retry-give-up-after");
            }
        });
        // the publish wait outlasts the producer's own give-up time, so a retried publish is never a late duplicate
        long producerGivesUp = config.getValue("kafka.max.block.ms", Long.class)
                + config.getValue("kafka.delivery.timeout.ms", Long.class);
        assertTrue(config.getValue("rex.messaging.publish-timeout", Duration.class).toMillis() > producerGivesUp,
                "rex.messaging.publish-timeout must exceed kafka.max.block.ms + kafka.delivery.timeout.ms");
    }

    @Test
    void consumesPersistsAndProduces() {
        RexEvent event = input("q-" + unique());
        send(event);
        assertHandled(event);
    }

    @Test
    void badRecordsAreDeadLetteredWithTheirReasonAndTheStreamGoesOn() throws Exception {
        String run = unique();
        String topic = inputType().topic();
        Map<String, String> badRecords = new LinkedHashMap<>(); // key → expected reason fragment

        String broken = "{\"id\": \"broken\", \"schemaVersion\": ";
        kafka.send(topic, "bad-json-" + run, broken);
        badRecords.put("bad-json-" + run, "malformed JSON");

        // not even text: the StringDeserializer decodes any bytes (invalid UTF-8 becomes U+FFFD), the contract rejects them
        kafka.sendBytes(topic, "bad-bytes-" + run, new byte[]{(byte) 0xff, (byte) 0xfe, 0x00, 0x7b}, Map.of());
        badRecords.put("bad-bytes-" + run, "malformed JSON");

        ObjectNode future = tree(input("future-" + run));
        future.put("schemaVersion", 99);
        kafka.send(topic, "bad-version-" + run, future.toString());
        badRecords.put("bad-version-" + run, "unsupported schemaVersion 99");

        ObjectNode invalid = tree(input("invalid-" + run));
        invalid.put("qid", "");
        kafka.send(topic, "bad-field-" + run, invalid.toString());
        badRecords.put("bad-field-" + run, "qid is required");

        // over the size limit, gzip-compressed so that the broker takes it: dead-lettered with its size, truncated
        ObjectNode huge = tree(input("huge-" + run));
        huge.put("padding", "x".repeat(2 * 1024 * 1024));
        byte[] hugeBytes = huge.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        kafka.sendCompressed(topic, "bad-size-" + run, hugeBytes);
        badRecords.put("bad-size-" + run, "larger than the limit");

        // a raw NUL byte inside a JSON string is not JSON
        kafka.sendBytes(topic, "bad-rawnul-" + run, "{\"id\": \"a\u0000b\", \"schemaVersion\": 1}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        badRecords.put("bad-rawnul-" + run, "malformed JSON");

        // an escaped NUL is JSON, but no qid may hold it (nor can PostgreSQL store it): refused, never retried
        ObjectNode nul = tree(input("nul-" + run));
        nul.put("qid", "nul\u0000" + run);
        kafka.send(topic, "bad-nul-" + run, nul.toString());
        badRecords.put("bad-nul-" + run, "");

        // 100,000 nested arrays: refused by the parser's depth limit, not a stack overflow
        kafka.send(topic, "bad-deep-" + run, "[".repeat(100_000) + "]".repeat(100_000));
        badRecords.put("bad-deep-" + run, "malformed JSON");

        RexEvent good = input("good-" + run);
        send(good);

        badRecords.forEach((key, reason) -> {
            KafkaTestClient.Received dead = kafka.await(inputType().dlqTopic(), WAIT, r -> key.equals(r.key()));
            String header = dead.header(RexHeaders.DEAD_LETTER_REASON);
            assertNotNull(header, "no " + RexHeaders.DEAD_LETTER_REASON + " header on " + dead);
            assertTrue(header.contains(reason) && header.contains(topic), "reason '" + header + "' should name "
                    + topic + " and say '" + reason + "'");
            assertEquals(topic, dead.header(RexHeaders.DEAD_LETTER_TOPIC), "origin of " + dead);
        });
        // the dead letter keeps the record as it was written: nothing silently disappears
        assertEquals(broken, kafka.await(inputType().dlqTopic(), WAIT, r -> ("bad-json-" + run).equals(r.key())).text());
        KafkaTestClient.Received truncated = kafka.await(inputType().dlqTopic(), WAIT,
                r -> ("bad-size-" + run).equals(r.key()));
        assertEquals(String.valueOf(hugeBytes.length), truncated.header(RexHeaders.DEAD_LETTER_ORIGINAL_SIZE));
        assertEquals("true", truncated.header(RexHeaders.DEAD_LETTER_TRUNCATED));
        assertTrue(truncated.value().length <= 64 * 1024 && truncated.value().length > 0,
                "truncated payload: " + truncated.value().length + " bytes");
        assertEquals("PERMANENT", truncated.header(RexHeaders.DEAD_LETTER_KIND));
        assertHandled(good);
        badRecords.keySet().forEach(key -> System.out.printf("%s %-22s -> dead-lettered: %s%n", topic,
                key.substring(0, key.length() - run.length() - 1),
                kafka.await(inputType().dlqTopic(), WAIT, r -> key.equals(r.key())).header(RexHeaders.DEAD_LETTER_REASON)
                        .replaceAll("(.{160}).+", "$1…")));
        System.out.printf("%s %-22s -> processed after the bad records%n", topic, "good");

        String health = get("q/health/ready");
        assertTrue(health.contains("\"status\": \"UP\""), health);
        // readiness covers the Kafka channels and the datasource
        assertTrue(health.contains("SmallRye Reactive Messaging") && health.contains("Database connections"), health);
        String metrics = get("q/metrics");
        assertTrue(metrics.contains("rex_events_total{outcome=\"rejected-format\",topic=\"" + topic + "\"}"),
                "rejections counted in Prometheus metrics");
        assertTrue(get("q/openapi").contains("openapi"), "OpenAPI document");
    }

    /** GET {@code path} (relative to the service root) and return the body of a 200 answer. */
    protected String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    /** Publishes an event as a producer service would (key = event key). */
    protected void send(RexEvent event) {
        kafka.send(inputType(event).topic(), event.key(), EventCodec.encode(event));
    }

    /**
     * Waits for the event of {@code type} keyed {@code key}, checks its envelope headers carry the correlation id,
     * and returns it decoded with the contract.
     */
    protected <T extends RexEvent> T awaitEvent(EventType<T> type, String key, String correlationId) {
        T event = awaitEvent(type, key);
        assertEquals(correlationId, event.correlationId(), "correlation id of " + event);
        return event;
    }

    /** Waits for the event of {@code type} keyed {@code key}; its correlation header must match its body. */
    protected <T extends RexEvent> T awaitEvent(EventType<T> type, String key) {
        return awaitEvent(type, rec -> key.equals(rec.key()));
    }

    /** Waits for the first event of {@code type} whose record matches; its correlation header must match its body. */
    protected <T extends RexEvent> T awaitEvent(EventType<T> type, Predicate<KafkaTestClient.Received> match) {
        KafkaTestClient.Received r = kafka.await(type.topic(), WAIT, match);
        T event = EventCodec.decode(type, r.text());
        assertEquals(event.correlationId(), r.header(RexHeaders.CORRELATION_ID), "correlation header of " + r);
        return event;
    }

    /** Polls {@code probe} every 100 ms until it yields a value, failing after {@link #WAIT} with {@code what}. */
    protected static <T> T eventually(Supplier<Optional<T>> probe, String what) {
        return dev.rex.testing.Eventually.within(WAIT, probe, what);
    }

    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static EventType<?> inputType(RexEvent event) {
        return dev.rex.events.EventTypes.forClass(event.getClass());
    }

    private static ObjectNode tree(RexEvent event) throws Exception {
        return (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(event));
    }
}
