package dev.rex.inference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ModelEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.inference.replicas.CommittedPredictions;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.infer.UntrainedCheckpoint;
import dev.rex.testing.KafkaTestClient;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A new model announced while requests stream in: nothing lost or duplicated (read as a {@code read_committed}
 * consumer), each pinned request answered by the version it named or {@code VERSION_UNAVAILABLE} naming the
 * served ones, the last {@code versions-kept} (2) versions served, and a model name not configured never served.
 * Its own database, so the models it announces are not in {@link InferenceServiceTest}'s.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_inference_versions"))
class ModelVersionsTest {
    @TestHTTPResource("/")
    URI root;

    @Inject
    AgroalDataSource ds;

    /** What each request asked for: null (newest), or a version. */
    private final Map<String, String> pins = new LinkedHashMap<>();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aModelAnnouncedMidStreamLosesNothingAndPinsAreHonoured() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        InferenceServiceTest.writeFeatureStore();
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            ModelEvent a = announce(kafka, "a-" + run, 11);
            awaitServed(a.version(), 0);
            ModelEvent foreign = checkpoint("foreign-" + run, 12, "not-configured-" + run);
            kafka.send(EventTypes.MODEL.topic(), foreign.key(), EventCodec.encode(foreign));

            String never = "never-" + run;
            ModelEvent b = null;
            for (int i = 0; i < 300; i++) {
                if (i == 100) b = announce(kafka, "b-" + run, 13);
                send(kafka, run + "-s-" + i, switch (i % 3) { case 0 -> null; case 1 -> a.version(); default -> never; });
                Thread.sleep(2);
            }
            awaitServed(b.version(), 0);
            for (int i = 0; i < 60; i++) {
                send(kafka, run + "-t-" + i, switch (i % 3) { case 0 -> null; case 1 -> a.version(); default -> b.version(); });
            }
            // those answered before the next announcement, so what they got depends on b alone
            CommittedPredictions.read(kafka.bootstrapServers(), EventTypes.PREDICTION.topic(), "read_committed",
                    k -> k != null && k.startsWith(run + "-t-"), seen -> seen.size() >= 60, Duration.ofSeconds(90));
            ModelEvent c = announce(kafka, "c-" + run, 14);
            awaitServed(c.version(), 0);
            send(kafka, run + "-u-old", a.version());
            send(kafka, run + "-u-kept", b.version());
            send(kafka, run + "-u-new", null);

            List<ConsumerRecord<String, String>> committed = CommittedPredictions.read(kafka.bootstrapServers(),
                    EventTypes.PREDICTION.topic(), "read_committed", k -> k != null && k.startsWith(run + "-"),
                    seen -> seen.stream().map(ConsumerRecord::key).distinct().count() >= pins.size(),
                    Duration.ofSeconds(90));
            committed = CommittedPredictions.read(kafka.bootstrapServers(), EventTypes.PREDICTION.topic(),
                    "read_committed", k -> k != null && k.startsWith(run + "-"), seen -> false, Duration.ofSeconds(2));
            Map<String, PredictionEvent> byQid = new HashMap<>();
            Map<String, Integer> tally = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> rec : committed) {
                PredictionEvent p = EventCodec.decode(EventTypes.PREDICTION, rec.value());
                if (byQid.put(rec.key(), p) != null) fail("two committed predictions for " + rec.key());
                String asked = pins.get(rec.key());
                tally.merge((asked == null ? "newest" : asked.equals(never) ? "never" : asked.substring(0, 1))
                        + "->" + (p.modelVersion() == null ? p.status() : p.modelVersion().substring(0, 1)), 1, Integer::sum);
                if (asked == null) {
                    assertEquals(PredictionEvent.Status.PREDICTED, p.status(), p.toString());
                } else if (p.status() == PredictionEvent.Status.PREDICTED) {
                    assertEquals(asked, p.modelVersion(), "pinned " + asked + ": " + p);
                } else {
                    assertEquals(PredictionEvent.Status.VERSION_UNAVAILABLE, p.status(), p.toString());
                    assertEquals(asked, p.requestedVersion());
                    assertTrue(!p.servedVersions().isEmpty() && !p.servedVersions().contains(asked), p.toString());
                }
            }
            System.out.printf("[versions] %d requests, %d committed predictions: %s%n", pins.size(), committed.size(),
                    tally);
            assertEquals(pins.keySet(), byQid.keySet(), "every request answered");
            assertEquals(pins.size(), rows(run), "one row per request");
            // never served: a version no one announced, and a configured name's model only while it is kept
            assertTrue(byQid.entrySet().stream().filter(e -> never.equals(pins.get(e.getKey())))
                    .allMatch(e -> e.getValue().status() == PredictionEvent.Status.VERSION_UNAVAILABLE));
            for (int i = 0; i < 60; i++) {
                PredictionEvent p = byQid.get(run + "-t-" + i);
                assertEquals(i % 3 == 1 ? a.version() : b.version(), p.modelVersion(), "after b was served: " + p);
            }
            PredictionEvent old = byQid.get(run + "-u-old");
            assertEquals(PredictionEvent.Status.VERSION_UNAVAILABLE, old.status(), old.toString());
            assertEquals(List.of(c.version(), b.version()), old.servedVersions());
            assertEquals(b.version(), byQid.get(run + "-u-kept").modelVersion());
            assertEquals(c.version(), byQid.get(run + "-u-new").modelVersion());
            // a name that is not configured is refused at the door: dead-lettered with the setting to change
            KafkaTestClient.Received dead = kafka.await(EventTypes.MODEL.dlqTopic(), java.time.Duration.ofSeconds(30),
                    rec -> rec.text().contains(foreign.version()));
            assertTrue(String.valueOf(dead.header(dev.rex.events.RexHeaders.DEAD_LETTER_REASON)).contains("rex.inference.model-names"), dead.toString());
        }
    }

    private ModelEvent announce(KafkaTestClient kafka, String version, long seed) throws Exception {
        ModelEvent m = checkpoint(version, seed, InferenceServiceTest.MODEL_NAME);
        kafka.send(EventTypes.MODEL.topic(), m.key(), EventCodec.encode(m));
        return m;
    }

    private static ModelEvent checkpoint(String version, long seed, String name) throws Exception {
        Path dir = InferenceServiceTest.MODELS.resolve("ckpt-" + version);
        UntrainedCheckpoint.write(dir, "tiny", InferenceServiceTest.EXAMPLES, seed);
        return new ModelEvent(EventIds.newId(), "corr-" + version, 1, name, version, "run-versions", dir.toString(),
                RexCheckpoint.weightsSha256(dir), Map.of("preset", "tiny"), Map.of(), Instant.now().toString());
    }

    private void send(KafkaTestClient kafka, String qid, String pin) {
        pins.put(qid, pin);
        InferenceRequestEvent r = new InferenceRequestEvent(EventIds.newId(), "corr-" + qid, 1, qid,
                qid.hashCode() % 2 == 0 ? "img-a" : "img-b", "What color is the shirt?", "stream", pin,
                Instant.now().toString());
        kafka.send(EventTypes.INFERENCE_REQUEST.topic(), r.key(), EventCodec.encode(r));
    }

    /** Waits until {@code version} is served at {@code position} of servedVersions (0 = the newest). */
    private void awaitServed(String version, int position) throws Exception {
        Predicate<JsonNode> served = j -> j.path("servedVersions").path(position).asText().equals(version);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!served.test(current())) {
            if (System.nanoTime() > deadline) fail(version + " not served within 60 s: " + current());
            Thread.sleep(100);
        }
    }

    private JsonNode current() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(root.resolve("api/models/current")).build(), HttpResponse.BodyHandlers.ofString());
        return EventCodec.mapper().readTree(r.body());
    }

    private long rows(String run) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM predictions WHERE qid LIKE '" + run + "-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
