package dev.rex.preprocessing;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.events.QuestionEvent;
import dev.rex.events.RexEvent;
import dev.rex.preprocessing.messaging.Channels;
import dev.rex.preprocessing.persistence.QuestionRepository;
import dev.rex.service.testing.ServicePipelineTest;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
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
import java.util.List;
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

    @TestHTTPResource("/questions")
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

    @Test
    void restIngestValidatesAndRoutesAStreamedQuestionToInferenceOnly() throws Exception {
        String qid = "rest-" + unique();
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"qid\":\"" + qid + "\",\"imageId\":\"n161313\",\"question\":\"What is on the table?\"}";
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(questionsUrl)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());

        InferenceRequestEvent request = awaitEvent(EventTypes.INFERENCE_REQUEST, qid);
        assertEquals("stream", request.split());
        assertEquals(1, questions.deliveries(qid));

        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(questionsUrl.resolve("questions/" + qid)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode());
        assertTrue(stored.body().contains("What is on the table?"), stored.body());

        HttpResponse<String> rejected = http.send(HttpRequest.newBuilder(questionsUrl)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"qid\":\"x\",\"question\":\"no image?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, rejected.statusCode());
        assertTrue(rejected.body().contains("imageId is required"), rejected.body());
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
