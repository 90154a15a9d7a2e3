package dev.rex.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ModelEvent;
import dev.rex.events.RexEvent;
import dev.rex.events.TrainingProgressEvent;
import dev.rex.service.testing.RestBoundary;
import dev.rex.service.testing.ServicePipelineTest;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import dev.rex.testing.TestApiKey;
import dev.rex.training.messaging.Channels;
import dev.rex.training.persistence.TrainingRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_training"))
class TrainingServiceTest extends ServicePipelineTest {
    TrainingServiceTest() {
        super(EventTypes.EXPLANATION, Map.of(Channels.EXPLANATIONS_IN, EventTypes.EXPLANATION));
    }

    @Inject
    TrainingRepository training;

    @TestHTTPResource("/api/models")
    URI modelsUrl;

    @Override
    protected RexEvent input(String qid) {
        return new ExplanationEvent(EventIds.newId(), "corr-" + qid, 1, qid, "2354786", "train",
                ExplanationEvent.Status.EXPLAINED, "Is the shirt white?", "yes", "shirt (5678) is white",
                "shirt (5678) is white", "#1 is white", List.of(new ExplanationEvent.RegionGrounding("5678", "#1", 0.8)), null);
    }

    @Override
    protected void assertHandled(RexEvent input) {
        ExplanationEvent x = (ExplanationEvent) input;
        // progress-every is 1 under %test: this explanation's own progress event names it
        TrainingProgressEvent progress = awaitEvent(EventTypes.TRAINING_PROGRESS,
                r -> r.text().contains("(last: " + x.qid() + ")"));
        assertEquals(TrainingProgressEvent.Phase.COLLECTING, progress.phase());
        assertEquals("collect-rex-multitask", progress.runId());
        assertEquals(x.correlationId(), progress.correlationId());
        assertTrue(progress.examples() >= 1, "the explained example counts as usable: " + progress);
        assertTrue(training.findExampleJson(x.qid()).orElseThrow().contains("#1 is white"));
    }

    @Test
    void aRunStartedOverRestPublishesProgressAndAModelAndIsPersisted() throws Exception {
        HttpResponse<String> r = post(runBody("\"epochs\": 2, \"modelName\": \"rex-svc-test\""));
        assertEquals(202, r.statusCode(), r.body());
        JsonNode accepted = JSON.readTree(r.body());
        String id = accepted.get("id").asText();
        assertEquals(runsUrl.resolve("training-runs/" + id).getPath(), r.headers().firstValue("Location").map(URI::create)
                .orElseThrow().getPath());

        // progress from the library's callback, keyed by the run id
        TrainingProgressEvent step = awaitEvent(EventTypes.TRAINING_PROGRESS,
                rec -> id.equals(rec.key()) && rec.text().contains("\"TRAINING\""));
        assertEquals(id, step.correlationId());
        assertTrue(step.step() >= 1 && step.losses().containsKey("loss") && step.losses().containsKey("ans_loss"), step.toString());
        assertTrue(step.samplesPerSecond() > 0, step.toString());

        JsonNode done = awaitRun(id, "SUCCEEDED");
        assertEquals(2, done.get("epochMetrics").size(), done.toString());
        JsonNode last = done.get("epochMetrics").get(1);
        assertEquals(2, last.get("epoch").asInt());
        assertTrue(last.get("trainLosses").has("loss") && last.get("valMetrics").has("vqa_accuracy"), last.toString());
        assertTrue(done.get("trainSamples").asInt() > 0 && done.get("step").asLong() >= 2, done.toString());

        // the last best checkpoint: announced, persisted, and its sha256 is that of the weights on disk
        String version = done.get("modelVersion").asText();
        ModelEvent model = awaitEvent(EventTypes.MODEL, rec -> rec.text().contains("\"" + version + "\""));
        assertEquals("rex-svc-test", model.key());
        assertEquals(id, model.runId());
        assertTrue(model.valMetrics().containsKey("vqa_accuracy"), model.toString());
        assertEquals("tiny", ((Map<?, ?>) model.config().get("training")).get("config"));
        // announced from the epoch's own folder, which later best epochs do not overwrite
        assertTrue(model.location().endsWith(String.format("epoch-%03d", done.get("bestEpoch").asInt())), model.location());
        Path weights = Path.of(model.location()).resolve("model.safetensors");
        assertEquals(sha256(weights), model.sha256());
        assertTrue(training.findModelJson("rex-svc-test", version).isPresent());
        awaitEvent(EventTypes.TRAINING_PROGRESS, rec -> id.equals(rec.key()) && rec.text().contains("\"FINISHED\""));
        assertTrue(get("api/training-runs").contains("\"" + id + "\""), "listed");
    }

    @Test
    void aBadConfigGets400NamingTheField() throws Exception {
        assertBad(runBody("\"epochs\": 0"), "epochs");
        assertBad(runBody("\"batch\": \"big\""), "batch");
        assertBad(runBody("\"learningRate\": 0.1"), "learningRate");
        assertBad(runBody("\"percentage\": 5"), "percentage");
        assertBad(runBody("\"lr\": -1"), "lr");
        assertBad("{\"questions\": \"/nowhere\", \"data\": \"/nowhere\", \"features\": \"/nowhere\", "
                + "\"config\": \"tiny\", \"mode\": \"multitask\"}", "questions");
        assertBad(runBody("").replace("\"mode\": \"multitask\"", "\"mode\": \"joint\""), "mode");
        assertBad(runBody("").replace("\"config\": \"tiny\"", "\"config\": \"huge\""), "config");
        assertBad(runBody("").replace("\"mode\": \"multitask\"", "\"mode\": \"vqa\""), "init");
        // a folder that exists but is no GQA-REX build: refused before it is queued
        assertBad(runBody("").replace("\"data\": \"" + TinySynthWorld.data(), "\"data\": \"" + TinySynthWorld.questions()),
                "data");
        assertTrue(get("api/training-runs").equals("[]") || !get("api/training-runs").contains("/nowhere"),
                "refused configurations are not stored");
    }

    @Test
    void cancelStopsARunningRunAndAQueuedOne() throws Exception {
        String running = JSON.readTree(post(runBody("\"epochs\": 200, \"modelName\": \"rex-cancelled\"")).body())
                .get("id").asText();
        String queued = JSON.readTree(post(runBody("\"epochs\": 200, \"modelName\": \"rex-cancelled\"")).body())
                .get("id").asText();
        // the second waits: one run at a time
        eventually(() -> Optional.of(run(running)).filter(r -> r.get("step").asLong() >= 1), "run " + running + " training");
        assertEquals("QUEUED", run(queued).get("status").asText());

        assertEquals(202, delete(queued).statusCode());
        assertEquals("CANCELLED", run(queued).get("status").asText(), "a queued run is cancelled at once");
        assertEquals(202, delete(running).statusCode());
        JsonNode stopped = awaitRun(running, "CANCELLED");
        assertTrue(stopped.get("message").asText().startsWith("cancelled"), stopped.toString());
        assertTrue(stopped.get("epochMetrics").size() < 200, stopped.toString());
        awaitEvent(EventTypes.TRAINING_PROGRESS, rec -> running.equals(rec.key()) && rec.text().contains("\"FAILED\"")
                && rec.text().contains("cancelled"));
        assertEquals(409, delete(running).statusCode(), "a finished run cannot be cancelled again");
        assertEquals(404, delete("run-unknown").statusCode());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/training-runs")
    URI runsUrl;

    private static String runBody(String extra) {
        return "{\"questions\": \"" + TinySynthWorld.questions() + "\", \"data\": \"" + TinySynthWorld.data()
                + "\", \"features\": \"" + TinySynthWorld.features() + "\", \"config\": \"tiny\", "
                + "\"mode\": \"multitask\", \"batch\": 8, \"lr\": 0.001, \"seed\": 3"
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(TestApiKey.authorize(HttpRequest.newBuilder(runsUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String id) throws Exception {
        return HttpClient.newHttpClient().send(TestApiKey.authorize(HttpRequest.newBuilder(URI.create(runsUrl + "/" + id))).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode run(String id) {
        try {
            return JSON.readTree(get("api/training-runs/" + id));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode awaitRun(String id, String status) {
        return eventually(() -> {
            JsonNode r = run(id);
            String s = r.get("status").asText();
            if (!s.equals(status) && !s.equals("QUEUED") && !s.equals("RUNNING")) {
                throw new AssertionError("run " + id + " ended " + s + " instead of " + status + ": " + r);
            }
            return Optional.of(r).filter(x -> s.equals(status));
        }, "run " + id + " " + status);
    }

    private void assertBad(String body, String field) throws Exception {
        HttpResponse<String> r = post(body);
        assertEquals(400, r.statusCode(), body + " -> " + r.body());
        assertEquals(field, JSON.readTree(r.body()).get("field").asText(), r.body());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void announcedCheckpointIsPersistedAndPublishedOnRexModels() throws Exception {
        String version = "rex-multitask-" + unique();
        String body = "{\"modelName\":\"rex-multitask\",\"version\":\"" + version + "\",\"location\":\"models/" + version
                + ".safetensors\",\"sha256\":\"" + "ab".repeat(32) + "\",\"config\":{\"layers\":2},\"valMetrics\":{\"vqaAccuracy\":41.5}}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(TestApiKey.authorize(HttpRequest.newBuilder(modelsUrl))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        ModelEvent model = awaitEvent(EventTypes.MODEL, rec -> rec.text().contains(version));
        assertEquals("rex-multitask", model.key());
        assertEquals(41.5, model.valMetrics().get("vqaAccuracy"));
        assertTrue(training.findModelJson("rex-multitask", version).isPresent());
    }

    @Override
    protected Set<String> writeOperations() {
        return Set.of("POST /api/models", "POST /api/training-runs", "DELETE /api/training-runs/{id}");
    }

    @Override
    protected RestBoundary.Good goodRestRequest() {
        return new RestBoundary.Good("GET", "api/training-runs?limit=1", null, 200);
    }

    @Override
    protected List<RestBoundary.Probe> restProbes() {
        String secret = RestBoundary.secretFile().toString();
        List<RestBoundary.Probe> p = new ArrayList<>();
        p.add(run("run questions /etc", "questions", "/etc"));
        p.add(run("run data ../../../../etc", "data", "../../../../etc"));
        p.add(run("run features = a file outside the roots", "features", secret));
        p.add(run("run config /etc/passwd", "config", "/etc/passwd"));
        p.add(run("run config = a file outside the roots", "config", secret));
        p.add(runExtra("run init /etc", "\"init\": \"/etc\""));
        p.add(runExtra("run epochs 1,000,000", "\"epochs\": 1000000"));
        p.add(runExtra("run batch 0", "\"batch\": 0"));
        p.add(runExtra("run batch 1,000,000", "\"batch\": 1000000"));
        p.add(runExtra("run epochs as text", "\"epochs\": \"ten\""));
        p.add(runExtra("run unknown field", "\"teleport\": true"));
        p.add(run("run mode bogus", "mode", "bogus"));
        p.add(RestBoundary.Probe.json("model location /etc", "POST", "api/models", "{\"modelName\":\"rex-multitask\","
                + "\"version\":\"v-x\",\"location\":\"/etc\",\"sha256\":\"" + "ab".repeat(32) + "\"}"));
        p.add(RestBoundary.Probe.json("model without fields", "POST", "api/models", "{}"));
        p.add(new RestBoundary.Probe("DELETE unknown run", "DELETE", "api/training-runs/run-nope", null, null, true));
        p.add(RestBoundary.Probe.get("GET runs limit=0", "api/training-runs?limit=0"));
        p.add(RestBoundary.Probe.get("GET runs limit=abc", "api/training-runs?limit=abc"));
        return p;
    }

    private static RestBoundary.Probe run(String name, String field, String value) {
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                readTree(runBody(""));
        body.put(field, value);
        return RestBoundary.Probe.json(name, "POST", "api/training-runs", body.toString());
    }

    private static RestBoundary.Probe runExtra(String name, String extra) {
        return RestBoundary.Probe.json(name, "POST", "api/training-runs", runBody(extra));
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
