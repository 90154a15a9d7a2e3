package dev.rex.preprocessing;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.events.QuestionEvent;
import dev.rex.events.RexEvent;
import dev.rex.preprocessing.messaging.Channels;
import dev.rex.preprocessing.persistence.QuestionRepository;
import dev.rex.service.testing.RestBoundary;
import dev.rex.service.testing.ServicePipelineTest;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import dev.rex.testing.TestApiKey;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_preprocessing"))
class PreprocessingServiceTest extends ServicePipelineTest {
    PreprocessingServiceTest() {
        super(EventTypes.QUESTION, Map.of(Channels.QUESTIONS_IN, EventTypes.QUESTION));
    }

    @Inject
    QuestionRepository questions;

    @TestHTTPResource("/api/questions")
    URI questionsUrl;

    @Override
    protected RexEvent input(String qid) {
        return new QuestionEvent(EventIds.newId(), "corr-" + qid, 1, qid, "2354786", "val",
                "Is the shirt white?", "yes", "Yes, the shirt is white.", true,
                new QuestionEvent.QuestionTypes("verify", "attr", "verifyAttr"),
                List.of(new QuestionEvent.SemanticStep("select", "shirt (5678)", List.of()),
                        new QuestionEvent.SemanticStep("verify color", "white", List.of(0))),
                "select: shirt (5678)->verify color: white [0]",
                new QuestionEvent.QuestionAnnotations(Map.of("2", "5678"), Map.of(), Map.of("2", "5678")));
    }

    @Override
    protected void assertHandled(RexEvent input) {
        QuestionEvent q = (QuestionEvent) input;
        // keyed by image id (one image's questions keep their order): found by its qid
        ProgramEvent program = awaitEvent(EventTypes.PROGRAM, r -> r.text().contains("\"qid\":\"" + q.qid() + "\""));
        assertEquals(q.correlationId(), program.correlationId());
        assertEquals(q.imageId(), kafka.await(EventTypes.PROGRAM.topic(), WAIT,
                r -> r.text().contains("\"qid\":\"" + q.qid() + "\"")).key(), "rex.programs is keyed by image id");
        assertEquals(q.imageId(), program.imageId());
        assertEquals(q.question(), program.question());
        assertEquals(q.answer(), program.answer());
        // abstracted (rex-gqa): select → its object reference; verify color → verify white over step 0
        assertEquals(2, program.program().size(), program.toString());
        assertEquals("select", program.program().get(0).operation());
        assertEquals("obj:5678", program.program().get(0).first().objectRef());
        assertEquals("verify", program.program().get(1).operation());
        assertEquals("white", program.program().get(1).argument());
        assertEquals(List.of(0), program.program().get(1).first().dependencies());
        InferenceRequestEvent request = awaitEvent(EventTypes.INFERENCE_REQUEST, q.qid(), q.correlationId());
        assertEquals(q.question(), request.question());
        assertEquals("val", request.split());
        // outputs are published after the upsert, so the row is there once they are
        assertTrue(questions.findJson(q.qid()).orElseThrow().contains(q.question()));
    }

    /** A GQA question (its semantic abstracts cleanly) as {@code POST /api/questions} takes it. */
    static String gqaQuestion(String qid, String text) {
        return "{\"qid\": \"" + qid + "\", \"imageId\": \"n161313\", \"question\": \"" + text + "\", "
                + "\"answer\": \"yes\", \"fullAnswer\": \"Yes.\", \"semantic\": [{\"operation\": \"select\", "
                + "\"argument\": \"shirt (11)\", \"dependencies\": []}, {\"operation\": \"verify color\", "
                + "\"argument\": \"white\", \"dependencies\": [0]}]}";
    }

    @Test
    void restIngestValidatesAndRoutesAStreamedQuestionToInferenceOnly() throws Exception {
        String qid = "rest-" + unique();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> accepted = http.send(TestApiKey.authorize(HttpRequest.newBuilder(questionsUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(gqaQuestion(qid, "Is the shirt white?"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());

        InferenceRequestEvent request = awaitEvent(EventTypes.INFERENCE_REQUEST, qid);
        assertEquals("stream", request.split());
        eventually(() -> java.util.Optional.of(questions.deliveries(qid)).filter(n -> n >= 1), "question stored");
        assertEquals(1, questions.deliveries(qid));

        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(questionsUrl + "/" + qid)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode());
        assertTrue(stored.body().contains("Is the shirt white?"), stored.body());

        HttpResponse<String> rejected = http.send(TestApiKey.authorize(HttpRequest.newBuilder(questionsUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"qid\":\"x\",\"question\":\"no image?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, rejected.statusCode());
        assertTrue(rejected.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(rejected.body().contains("imageId"), rejected.body());
    }

    @Override
    protected Set<String> writeOperations() {
        return Set.of("POST /api/imports", "POST /api/questions");
    }

    @Override
    protected RestBoundary.Good goodRestRequest() {
        return new RestBoundary.Good("POST", "api/questions", gqaQuestion("good-" + unique(), "Is the shirt white?"), 202);
    }

    @Override
    protected List<RestBoundary.Probe> restProbes() {
        Path secret = RestBoundary.secretFile();
        Path link;
        try {
            Path dir = Files.createTempDirectory("rest-boundary");
            link = dir.resolve("innocent.json");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, secret);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String graphs = "/etc/hostname";
        List<RestBoundary.Probe> p = new ArrayList<>();
        p.add(imports("import questions ../../../etc/passwd", "../../../etc/passwd", graphs, null, null));
        p.add(imports("import questions /etc/passwd", "/etc/passwd", graphs, null, null));
        p.add(imports("import questions = a file outside the roots", secret.toString(), graphs, null, null));
        p.add(imports("import questions = symlink to outside", link.toString(), graphs, null, null));
        p.add(imports("import sceneGraphs /etc/passwd", link.getParent().toString(), "/etc/passwd", null, null));
        p.add(imports("import boxes /etc", "/etc/passwd", "/etc/passwd", "/etc", null));
        p.add(imports("import questions with NUL", "/tmp/a\u0000b.json", graphs, null, null));
        p.add(imports("import questions 5,000-character path", "/tmp/" + "a".repeat(5000), graphs, null, null));
        p.add(imports("import split ../..", secret.toString(), graphs, null, "../.."));
        p.add(RestBoundary.Probe.json("import questions as an array", "POST", "api/imports", "{\"questions\": [1]}"));
        p.add(RestBoundary.Probe.json("import body is an array", "POST", "api/imports", "[]"));
        p.add(RestBoundary.Probe.json("import body empty", "POST", "api/imports", ""));
        p.add(RestBoundary.Probe.json("question ?split=../..", "POST", "api/questions?split=../..",
                gqaQuestion("s-" + unique(), "Is it?")));
        p.add(RestBoundary.Probe.json("question text of 3,000 characters", "POST", "api/questions",
                gqaQuestion("long-" + unique(), "a".repeat(3000))));
        p.add(RestBoundary.Probe.json("qid of 10,000 characters", "POST", "api/questions",
                gqaQuestion("q".repeat(10_000), "Is it?")));
        p.add(RestBoundary.Probe.json("question without imageId", "POST", "api/questions",
                "{\"qid\":\"x\",\"question\":\"no image?\"}"));
        p.add(RestBoundary.Probe.json("questions: empty object", "POST", "api/questions", "{}"));
        p.add(RestBoundary.Probe.json("questions: a number", "POST", "api/questions", "42"));
        p.add(RestBoundary.Probe.get("GET question with a 300-character qid", "api/questions/" + "q".repeat(300)));
        p.add(RestBoundary.Probe.get("GET unknown import", "api/imports/import-nope"));
        p.add(new RestBoundary.Probe("import without the key", "POST", "api/imports", "application/json",
                "{\"questions\":\"/etc/passwd\"}".getBytes(), false));
        return p;
    }

    private static RestBoundary.Probe imports(String name, String questions, String graphs, String boxes, String split) {
        com.fasterxml.jackson.databind.node.ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("questions", questions).put("sceneGraphs", graphs);
        if (boxes != null) body.put("boxes", boxes);
        if (split != null) body.put("split", split);
        return RestBoundary.Probe.json(name, "POST", "api/imports", body.toString());
    }

    @Test
    void aProgramTheAbstractionRejectsIsRecordedAndSentWithItsRejection() {
        QuestionEvent good = (QuestionEvent) input("unknown-op-" + unique());
        QuestionEvent q = new QuestionEvent(good.id(), good.correlationId(), 1, good.qid(), good.imageId(), "val",
                good.question(), good.answer(), good.fullAnswer(), true, good.types(),
                List.of(new QuestionEvent.SemanticStep("teleport", "shirt (5678)", List.of())), null, null);
        send(q);
        // sent on with the rejection, so that the explanation service keeps one record for every qid
        // keyed by image id (one image's questions keep their order): found by its qid
        ProgramEvent program = awaitEvent(EventTypes.PROGRAM, r -> r.text().contains("\"qid\":\"" + q.qid() + "\""));
        assertEquals(q.correlationId(), program.correlationId());
        assertEquals(q.imageId(), kafka.await(EventTypes.PROGRAM.topic(), WAIT,
                r -> r.text().contains("\"qid\":\"" + q.qid() + "\"")).key(), "rex.programs is keyed by image id");
        assertEquals("UNKNOWN_OPERATION", program.rejection().code());
        assertEquals("semantics", program.rejection().stage());
        assertTrue(program.rejection().detail().contains("teleport"), program.rejection().detail());
        assertTrue(program.program().isEmpty());
        String rejection = questions.programRejection(q.qid()).orElseThrow();
        assertTrue(rejection.startsWith("UNKNOWN_OPERATION") && rejection.contains("teleport"), rejection);
    }

    @Test
    void redeliveryUpsertsTheSameRow() {
        QuestionEvent q = (QuestionEvent) input("again-" + unique());
        send(q);
        awaitEvent(EventTypes.INFERENCE_REQUEST, q.qid(), q.correlationId());
        send(q);
        eventually(() -> java.util.Optional.of(questions.deliveries(q.qid())).filter(n -> n >= 2),
                "second delivery of " + q.qid() + " upserted");
        assertEquals(2, questions.deliveries(q.qid()));
    }
}
