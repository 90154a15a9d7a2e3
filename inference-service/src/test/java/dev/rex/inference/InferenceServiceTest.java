package dev.rex.inference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rex.events.Box;
import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ModelEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.events.RexEvent;
import dev.rex.events.RexHeaders;
import dev.rex.gqa.features.FeatureStoreWriter;
import dev.rex.inference.messaging.Channels;
import dev.rex.inference.model.ModelFiles;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.infer.UntrainedCheckpoint;
import dev.rex.service.testing.RestBoundary;
import dev.rex.service.testing.ServicePipelineTest;
import dev.rex.testing.KafkaTestClient;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference service on the real broker and database, with a tiny untrained checkpoint and a two-image feature
 * store written under target/ (the paths of the %test profile). The first test runs before any model is announced
 * (NO_MODEL); every later one announces the model first ({@link #ensureModel}), so the pipeline contract of
 * {@link ServicePipelineTest} is checked on real predictions.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_inference"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InferenceServiceTest extends ServicePipelineTest {
    /** %test.rex.inference.features-dir and models-dir, relative to the module (surefire's working directory). */
    static final Path FEATURES = Path.of("target/test-features").toAbsolutePath();
    static final Path MODELS = Path.of("target/test-models").toAbsolutePath();
    static final List<String> IMAGES = List.of("img-a", "img-b");
    static final List<UntrainedCheckpoint.Example> EXAMPLES = List.of(
            new UntrainedCheckpoint.Example("What color is the shirt?", "red", "the shirt #3 is red"),
            new UntrainedCheckpoint.Example("Is the cup on the table?", "yes", "the cup #7 is on the table #12"));
    static final String MODEL_NAME = "rex-test";

    static String servingVersion;

    @TestHTTPResource("/")
    URI root;

    @Inject
    InferenceRepository inference;

    InferenceServiceTest() {
        // rex.inference.requests is not a SmallRye channel (the request workers consume it in Kafka transactions);
        // its dead-letter contract is checked by the pipeline tests on the real topic all the same
        super(EventTypes.INFERENCE_REQUEST, Map.of(Channels.MODELS_IN, EventTypes.MODEL));
    }

    @Override
    protected RexEvent input(String qid) {
        ensureModel();
        return request(qid, "img-a");
    }

    static InferenceRequestEvent request(String qid, String imageId) {
        return new InferenceRequestEvent(EventIds.newId(), "corr-" + qid, 1, qid, imageId, "What color is the shirt?",
                "stream", null);
    }

    @Override
    protected void assertHandled(RexEvent input) {
        assertPredicted((InferenceRequestEvent) input);
    }

    private PredictionEvent assertPredicted(InferenceRequestEvent r) {
        PredictionEvent p = awaitEvent(EventTypes.PREDICTION, r.qid(), r.correlationId());
        assertEquals(PredictionEvent.Status.PREDICTED, p.status(), p.toString());
        assertEquals(r.imageId(), p.imageId());
        assertEquals(r.split(), p.split());
        assertTrue(Set.of("red", "yes").contains(p.answer()), "answer outside ans2idx: " + p);
        assertTrue(p.confidence() >= 0.5 - 1e-6 && p.confidence() <= 1, "arg-max of two answers: " + p);
        assertNotNull(p.modelVersion());
        assertEquals(p.explanation().size(), p.gateValues().size(), "one gate value per decoded step: " + p);
        List<String> regionTokens = p.explanation().stream().filter(w -> w.matches("#\\d+")).toList();
        assertEquals(regionTokens.size(), p.regions().size(), p.toString());
        float[] boxes = boxes(r.imageId());
        for (int i = 0; i < p.regions().size(); i++) {
            PredictionEvent.PredictedRegion g = p.regions().get(i);
            int k = g.region();
            assertEquals(regionTokens.get(i), g.token());
            assertEquals("#" + k, g.token());
            assertEquals(new Box(boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3]), g.box());
        }
        assertNotNull(p.requestedAt(), p.toString());
        assertNotNull(p.answeredAt(), p.toString());
        assertTrue(p.batchSize() >= 1 && p.modelMillis() >= 0, p.toString());
        // the stored prediction is the published one
        PredictionEvent stored = EventCodec.decode(EventTypes.PREDICTION,
                inference.findPredictionJson(r.qid(), Optional.of(p.modelVersion())).orElseThrow());
        assertEquals(p, stored);
        return p;
    }

    @Test
    @Order(1)
    void answersNoModelUntilAModelIsAnnounced() throws Exception {
        assertEquals(null, servingVersion, "this test must run before any model is announced");
        writeFeatureStore();
        Http current = http("api/models/current");
        assertEquals(404, current.code(), current.body());
        assertTrue(current.body().contains("no model loaded"), current.body());
        InferenceRequestEvent r = request("q-" + unique(), "img-b");
        send(r);
        PredictionEvent p = awaitEvent(EventTypes.PREDICTION, r.qid(), r.correlationId());
        assertEquals(PredictionEvent.Status.NO_MODEL, p.status());
        assertEquals(null, p.modelVersion());
        assertTrue(p.explanation().isEmpty() && p.regions().isEmpty() && p.gateValues().isEmpty(), p.toString());
    }

    @Test
    void aRequestDeliveredTwiceIsAnsweredAndPersistedOnce() throws Exception {
        ensureModel();
        InferenceRequestEvent r = request("twice-" + unique(), "img-b");
        send(r);
        PredictionEvent p = assertPredicted(r);
        double redeliveredBefore = metric("rex_inference_redelivered_total");
        send(r);
        // one row per (qid, version) (its delivery count says both arrived); the second delivery is answered from
        // that row, not by the model: the very same prediction event is published again
        eventually(() -> inference.deliveries(r.qid()).filter(n -> n == 2), "second delivery of " + r.qid());
        List<KafkaTestClient.Received> both = kafka.readAll(EventTypes.PREDICTION.topic(), java.time.Duration.ofSeconds(2))
                .stream().filter(rec -> r.qid().equals(rec.key())).toList();
        assertEquals(2, both.size(), both.toString());
        assertEquals(both.get(0).text(), both.get(1).text());
        assertEquals(redeliveredBefore + 1, metric("rex_inference_redelivered_total"), 1e-9);
        assertEquals(servingVersion, p.modelVersion());
        assertTrue(get("api/predictions/" + r.qid()).contains("\"PREDICTED\""));
        assertTrue(get("api/predictions/" + r.qid() + "?modelVersion=" + servingVersion).contains(p.id()));
        String metrics = get("q/metrics");
        assertTrue(metrics.contains("rex_inference_batch_size_bucket") && metrics.contains("rex_inference_forward_seconds")
                && metrics.contains("rex_inference_latency_seconds"), "timers and the batch-size histogram");
    }

    private double metric(String name) throws Exception {
        return get("q/metrics").lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void anImageWithoutFeaturesIsDeadLetteredNamingTheImageAndTheFeaturesDir() {
        ensureModel();
        String image = "no-such-image-" + unique();
        InferenceRequestEvent r = request("q-" + unique(), image);
        send(r);
        KafkaTestClient.Received dead = kafka.await(EventTypes.INFERENCE_REQUEST.dlqTopic(), WAIT,
                rec -> r.qid().equals(rec.key()));
        String reason = dead.header(RexHeaders.DEAD_LETTER_REASON);
        assertNotNull(reason, dead.toString());
        assertTrue(reason.contains(image) && reason.contains(FEATURES.toString()), reason);
        // the stream goes on
        InferenceRequestEvent next = request("after-" + unique(), "img-a");
        send(next);
        assertPredicted(next);
        assertFalse(inference.findPredictionJson(r.qid()).isPresent(), "a dead-lettered request is not persisted");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void unverifiableCheckpointsAreSkippedAndANewOneIsSwappedIn() throws Exception {
        ensureModel();
        String run = unique();
        Path dir = MODELS.resolve("ckpt-" + run);
        UntrainedCheckpoint.write(dir, "tiny", EXAMPLES, 2);
        ModelEvent wrongSha = model("v-bad-sha-" + run, dir, "00".repeat(32));
        ModelEvent missing = model("v-missing-" + run, MODELS.resolve("nowhere-" + run),
                RexCheckpoint.weightsSha256(dir));
        send(wrongSha);
        send(missing);
        eventually(() -> Optional.of(currentModel()).filter(j -> j.path("skipped").toString().contains(missing.version())
                && j.path("skipped").toString().contains(wrongSha.version())), "both checkpoints skipped");
        JsonNode now = currentModel();
        assertEquals(servingVersion, now.path("version").asText(), "the previous model stays: " + now);
        assertTrue(now.path("skipped").toString().contains("sha256"), now.toString());
        assertTrue(now.path("skipped").toString().contains("missing"), now.toString());

        ModelEvent next = model("v2-" + run, dir, RexCheckpoint.weightsSha256(dir));
        send(next);
        eventually(() -> Optional.of(currentModel()).filter(j -> next.version().equals(j.path("version").asText())),
                "model " + next.version() + " swapped in");
        servingVersion = next.version();
        InferenceRequestEvent r = request("after-swap-" + run, "img-a");
        send(r);
        assertEquals(next.version(), assertPredicted(r).modelVersion());
    }

    @Test
    void announcementsOfOtherNamesOrLocationsOutsideTheModelsFolderAreDeadLettered() {
        String run = unique();
        ModelEvent evil = new ModelEvent(EventIds.newId(), "corr-evil-" + run, 1, "evil-" + run, "evil-" + run + "-1",
                "run-1", MODELS.toString(), "cd".repeat(32), Map.of(), Map.of(), "2026-11-26T06:00:00Z");
        ModelEvent outside = new ModelEvent(EventIds.newId(), "corr-out-" + run, 1, MODEL_NAME, "outside-" + run,
                "run-1", "/etc", "cd".repeat(32), Map.of(), Map.of(), "2026-11-26T06:00:00Z");
        ModelEvent climbing = new ModelEvent(EventIds.newId(), "corr-up-" + run, 1, MODEL_NAME, "up-" + run,
                "run-1", "../../../../../../etc", "cd".repeat(32), Map.of(), Map.of(), "2026-11-26T06:00:00Z");
        for (ModelEvent m : List.of(evil, outside, climbing)) send(m);
        Map<ModelEvent, String> reasons = Map.of(evil, "is not one this service serves", outside, "outside",
                climbing, "outside");
        reasons.forEach((m, reason) -> {
            KafkaTestClient.Received dead = kafka.await(EventTypes.MODEL.dlqTopic(), WAIT,
                    r -> r.text().contains(m.version()));
            assertTrue(dead.header(RexHeaders.DEAD_LETTER_REASON).contains(reason), dead.toString());
            assertTrue(inference.latestModelJson(m.modelName()).map(j -> !j.contains(m.version())).orElse(true),
                    m.version() + " must not be recorded");
        });
    }

    @Test
    void announcedModelsAreRecorded() throws Exception {
        String name = "m-" + unique();
        ModelEvent m = new ModelEvent(EventIds.newId(), "corr-" + name, 1, name, name + "-1", "run-1",
                "models/" + name + "-1.safetensors", "cd".repeat(32), Map.of("layers", 2), Map.of(), "2026-11-26T06:00:00Z");
        send(m);
        String stored = eventually(() -> inference.latestModelJson(name), "model " + name + " recorded");
        assertEquals(m, EventCodec.decode(EventTypes.MODEL, stored));
        assertEquals(m, EventCodec.decode(EventTypes.MODEL, get("api/models/" + name + "/latest")));
    }

    /** Announces a tiny untrained checkpoint once per test JVM and waits until it answers. */
    private void ensureModel() {
        if (servingVersion != null) return;
        try {
            writeFeatureStore();
            Path dir = MODELS.resolve("ckpt-" + unique());
            UntrainedCheckpoint.write(dir, "tiny", EXAMPLES, 1);
            ModelEvent m = model("v1-" + unique(), dir, RexCheckpoint.weightsSha256(dir));
            send(m);
            eventually(() -> Optional.of(currentModel()).filter(j -> m.version().equals(j.path("version").asText())),
                    "model " + m.version() + " loaded");
            servingVersion = m.version();
        } catch (Exception e) {
            throw new AssertionError("could not set up the test model: " + e, e);
        }
    }

    private static ModelEvent model(String version, Path dir, String sha) {
        return new ModelEvent(EventIds.newId(), "corr-" + version, 1, MODEL_NAME, version, "run-test", dir.toString(),
                sha, Map.of("preset", "tiny"), Map.of("vqa_accuracy", 0.5), "2026-11-26T06:00:00Z");
    }

    private JsonNode currentModel() {
        try {
            return EventCodec.mapper().readTree(http("api/models/current").body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private record Http(int code, String body) {
    }

    private Http http(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Http(r.statusCode(), r.body());
    }

    /** Two images with seeded features; region k's box is (10k+i, 2k)-(10k+i+5+k, 2k+7) for image i. */
    static synchronized void writeFeatureStore() throws Exception {
        try (FeatureStoreWriter w = new FeatureStoreWriter(FEATURES)) {
            for (String image : IMAGES) {
                Random rnd = new Random(image.hashCode());
                float[] f = new float[36 * 2048];
                for (int i = 0; i < f.length; i++) f[i] = rnd.nextFloat();
                w.writeArrays(image, boxes(image), f);
            }
        }
    }

    static float[] boxes(String image) {
        int shift = IMAGES.indexOf(image);
        float[] b = new float[36 * 4];
        for (int k = 0; k < 36; k++) {
            b[4 * k] = 10 * k + shift;
            b[4 * k + 1] = 2 * k;
            b[4 * k + 2] = 10 * k + shift + 5 + k;
            b[4 * k + 3] = 2 * k + 7;
        }
        return b;
    }

    @Override
    protected Set<String> writeOperations() {
        return Set.of(); // read-only: requests and models arrive on Kafka
    }

    @Override
    protected RestBoundary.Good goodRestRequest() {
        return new RestBoundary.Good("GET", "q/health/live", null, 200);
    }

    @Override
    protected List<RestBoundary.Probe> restProbes() {
        return List.of(
                RestBoundary.Probe.get("GET prediction with a 300-character qid", "api/predictions/" + "q".repeat(300)),
                RestBoundary.Probe.get("GET unknown prediction", "api/predictions/no-such-qid"),
                RestBoundary.Probe.get("GET latest of unknown model", "api/models/no-such-model/latest"),
                RestBoundary.Probe.get("GET latest, 300-character name", "api/models/" + "m".repeat(300) + "/latest"),
                RestBoundary.Probe.get("GET legacy route /predictions/x", "predictions/x"),
                RestBoundary.Probe.json("PUT the current model", "PUT", "api/models/current", "{\"location\":\"/etc\"}"));
    }
}
