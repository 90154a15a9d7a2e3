package dev.rex.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.events.EventCodec;
import dev.rex.events.EventTypes;
import dev.rex.events.ProgramEvent;
import dev.rex.gqa.npy.Npy;
import dev.rex.testing.KafkaTestClient;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GQA-format ingest: {@code POST /api/questions} answers every bad question with a precise 400 (qid, field,
 * reason) and publishes nothing; {@code POST /api/imports} streams a hand-made split, attaches scene graph and boxes
 * to the program events and reports progress. Hand-made files only (no shared data).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_preprocessing"))
class GqaIngestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @jakarta.inject.Inject
    dev.rex.preprocessing.imports.ImportResource importResource;

    @jakarta.inject.Inject
    dev.rex.preprocessing.persistence.ImportRepository importRepository;

    static Path dir;
    static KafkaTestClient kafka;

    @BeforeAll
    static void files() throws Exception {
        dir = Files.createTempDirectory("gqa-ingest");
        Files.writeString(dir.resolve("sceneGraphs.json"), """
                {"img1": {"width": 640, "height": 480, "objects": {
                   "11": {"name": "shirt", "x": 20, "y": 60, "w": 70, "h": 90, "attributes": ["white"], "relations": []},
                   "12": {"name": "table", "x": 300, "y": 200, "w": 200, "h": 100, "attributes": ["wooden"], "relations": []}}}}
                """);
        Files.createDirectories(dir.resolve("boxes"));
        float[] boxes = new float[36 * 4];
        for (int k = 0; k < 36; k++) {
            boxes[4 * k] = k;
            boxes[4 * k + 1] = k;
            boxes[4 * k + 2] = k + 50;
            boxes[4 * k + 3] = k + 60;
        }
        Npy.writeFloat32(dir.resolve("boxes/img1.npy"), new int[]{36, 4}, boxes);
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void close() {
        if (kafka != null) kafka.close();
    }

    private static String question(String imageId, String semantic) {
        return "{\"imageId\": \"" + imageId + "\", \"question\": \"Is the shirt white?\", \"answer\": \"yes\", "
                + "\"fullAnswer\": \"Yes, the shirt is white.\", \"semantic\": " + semantic + "}";
    }

    private static final String GOOD = "[{\"operation\": \"select\", \"argument\": \"shirt (11)\", \"dependencies\": []},"
            + " {\"operation\": \"verify color\", \"argument\": \"white\", \"dependencies\": [0]}]";

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void badQuestionsGetAPrecise400AndNothingIsPublished() throws Exception {
        HttpResponse<String> malformed = post("api/questions", "{\"q1\": {\"imageId\": ");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("malformed JSON"), malformed.body());

        String ok = "ok-" + unique();
        String unknownOp = "op-" + unique();
        String outOfRange = "dep-" + unique();
        String noImage = "noimg-" + unique();
        String batch = "{\"" + ok + "\": " + question("img1", GOOD) + ", \"" + unknownOp + "\": "
                + question("img1", "[{\"operation\": \"teleport\", \"argument\": \"shirt (11)\", \"dependencies\": []}]")
                + ", \"" + outOfRange + "\": " + question("img1", "[{\"operation\": \"select\", \"argument\": \"shirt (11)\", "
                + "\"dependencies\": []}, {\"operation\": \"verify color\", \"argument\": \"white\", \"dependencies\": [7]}]")
                + ", \"" + noImage + "\": {\"question\": \"Is it?\", \"answer\": \"yes\", \"semantic\": []}}";
        HttpResponse<String> r = post("api/questions?split=val", batch);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode problems = JSON.readTree(r.body()).get("problems");
        assertEquals(3, problems.size(), r.body());
        assertProblem(problems, unknownOp, "semantic", "UNKNOWN_OPERATION");
        assertProblem(problems, outOfRange, "semantic[1].dependencies", "out of range");
        assertProblem(problems, noImage, "imageId", "missing");
        assertTrue(kafka.readAll(EventTypes.QUESTION.topic(), Duration.ofSeconds(1)).stream()
                .noneMatch(q -> ok.equals(q.key())), "all or nothing: the valid question was not published either");
    }

    private static void assertProblem(JsonNode problems, String qid, String field, String reason) {
        for (JsonNode p : problems) {
            if (qid.equals(p.path("qid").asText())) {
                assertEquals(field, p.path("field").asText(), p.toString());
                assertTrue(p.path("reason").asText().contains(reason), p.toString());
                return;
            }
        }
        throw new AssertionError("no problem for " + qid + " in " + problems);
    }

    @Test
    void anImportStreamsASplitWithSceneGraphsAndBoxesAttached() throws Exception {
        String split = "s" + unique();
        String present = "imp-" + unique();
        String missingObject = "imp-missing-" + unique();
        String unknownImage = "imp-unknown-" + unique();
        Path questions = dir.resolve(split + "_balanced_questions.json");
        Files.writeString(questions, "{\"" + present + "\": " + question("img1", GOOD) + ", \"" + missingObject
                + "\": " + question("img1", GOOD.replace("(11)", "(999)")) + ", \"" + unknownImage + "\": "
                + question("img404", GOOD) + ", \"broken\": {\"question\": \"no image\"}}");
        HttpResponse<String> bad = post("api/imports", "{\"questions\": \"" + dir.resolve("nope.json") + "\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("questions: no file") && bad.body().contains("sceneGraphs: no file"), bad.body());

        HttpResponse<String> started = post("api/imports", "{\"questions\": \"" + questions + "\", \"sceneGraphs\": \""
                + dir.resolve("sceneGraphs.json") + "\", \"boxes\": \"" + dir.resolve("boxes") + "\"}");
        assertEquals(202, started.statusCode(), started.body());
        String id = JSON.readTree(started.body()).get("id").asText();
        JsonNode status = null;
        for (int i = 0; i < 300; i++) {
            status = JSON.readTree(HTTP.send(HttpRequest.newBuilder(base.resolve("api/imports/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (status.get("state").asText().matches("DONE|FAILED")) break;
            Thread.sleep(100);
        }
        assertEquals("DONE", status.get("state").asText(), status.toString());
        JsonNode recorded = JSON.readTree(importRepository.statusJson(id).orElseThrow());
        assertEquals("DONE", recorded.get("state").asText(), "the import's end is recorded in the database");
        assertEquals(3, recorded.get("published").asLong(), recorded.toString());
        assertEquals(split, status.get("split").asText(), "split from the file name");
        assertEquals(4, status.get("read").asLong());
        assertEquals(3, status.get("published").asLong());
        assertEquals(1, status.get("invalid").asLong());
        assertTrue(status.get("problems").get(0).asText().contains("broken"), status.toString());

        ProgramEvent ok = program(present);
        assertNotNull(ok.sceneGraph());
        assertEquals(2, ok.sceneGraph().objects().size());
        assertEquals(36, ok.boxes().size());
        assertEquals(35.0, ok.boxes().get(35).x1());
        assertEquals(null, ok.rejection());
        // the object is missing from the graph: the program stage (explanation service) will reject it
        assertEquals(null, program(missingObject).rejection());
        ProgramEvent unknown = program(unknownImage);
        assertEquals("MISSING_SCENE_GRAPH", unknown.rejection().code());
        assertEquals("program", unknown.rejection().stage());

        // the split's scene graphs are now known: a REST question about another image is refused
        HttpResponse<String> r = post("api/questions?split=" + split, "{\"qid\": \"rest-" + unique() + "\", "
                + question("img404", GOOD).substring(1));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("unknown image img404"), r.body());
        String restQid = "rest-" + unique();
        HttpResponse<String> accepted = post("api/questions?split=" + split, "{\"" + restQid + "\": "
                + question("img1", GOOD) + "}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(36, program(restQid).boxes().size());
    }

    @Test
    void anImportInterruptedByAStopIsResumedUnderItsIdAndCorrelationId() throws Exception {
        String split = "r" + unique();
        String qid = "resumed-" + unique();
        Path questions = dir.resolve(split + "_balanced_questions.json");
        Files.writeString(questions, "{\"" + qid + "\": " + question("img1", GOOD) + "}");
        dev.rex.preprocessing.imports.ImportRequest request = new dev.rex.preprocessing.imports.ImportRequest(
                questions.toString(), dir.resolve("sceneGraphs.json").toString(), dir.resolve("boxes").toString(), split);
        String id = importRepository.newId();
        String correlation = "import-before-the-crash-" + unique();
        // what a service that stopped mid-import leaves behind: the accepted import, recorded as running
        importRepository.save(new dev.rex.preprocessing.imports.ImportJob.Status(id, split, request.questions(),
                request.sceneGraphs(), request.boxes(), correlation, "RUNNING", 0, 0, 0, java.util.List.of(), 0, 0,
                java.time.Instant.now(), null, null, null, 0), request);

        assertTrue(importResource.resumeUnfinished().contains(id), "the unfinished import is resumed");
        JsonNode status = null;
        for (int i = 0; i < 300; i++) {
            status = JSON.readTree(HTTP.send(HttpRequest.newBuilder(base.resolve("api/imports/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (status.get("state").asText().matches("DONE|FAILED")) break;
            Thread.sleep(100);
        }
        assertEquals("DONE", status.get("state").asText(), status.toString());
        assertEquals(1, status.get("resumed").asInt(), status.toString());
        assertEquals(correlation, status.get("correlationId").asText(), "the accepted import's correlation id is kept");
        assertEquals(36, program(qid).boxes().size());
        assertTrue(importResource.resumeUnfinished().isEmpty(), "a finished import is not resumed again");
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(base.resolve("api/imports/import-0")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    void aResumedImportDoesNotPublishAgainWhatTheBrokerHadAcknowledged() throws Exception {
        String split = "s" + unique();
        String before = "acked-" + unique();
        String after = "unsent-" + unique();
        Path questions = dir.resolve(split + "_balanced_questions.json");
        Files.writeString(questions, "{\"" + before + "\": " + question("img1", GOOD) + ", \"" + after + "\": "
                + question("img1", GOOD) + "}");
        dev.rex.preprocessing.imports.ImportRequest request = new dev.rex.preprocessing.imports.ImportRequest(
                questions.toString(), dir.resolve("sceneGraphs.json").toString(), dir.resolve("boxes").toString(), split);
        String id = importRepository.newId();
        // stopped after the broker acknowledged the file's first question
        importRepository.save(new dev.rex.preprocessing.imports.ImportJob.Status(id, split, request.questions(),
                request.sceneGraphs(), request.boxes(), "import-" + unique(), "RUNNING", 1, 1, 0, java.util.List.of(),
                0, 0, java.time.Instant.now(), null, null, null, 0), request);
        assertTrue(importResource.resumeUnfinished().contains(id));
        JsonNode status = null;
        for (int i = 0; i < 300; i++) {
            status = JSON.readTree(HTTP.send(HttpRequest.newBuilder(base.resolve("api/imports/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (status.get("state").asText().matches("DONE|FAILED")) break;
            Thread.sleep(100);
        }
        assertEquals("DONE", status.get("state").asText(), status.toString());
        assertEquals(2, status.get("published").asInt(), status.toString());
        assertEquals(36, program(after).boxes().size());
        assertTrue(kafka.readAll(EventTypes.QUESTION.topic(), Duration.ofSeconds(1)).stream()
                .noneMatch(r -> before.equals(r.key())), "the acknowledged question is not published again");
    }

    private static ProgramEvent program(String qid) {
        return EventCodec.decode(EventTypes.PROGRAM,
                kafka.await(EventTypes.PROGRAM.topic(), Duration.ofSeconds(60), r -> qid.equals(r.key())).text());
    }
}
