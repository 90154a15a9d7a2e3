package dev.rex.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    static Stream<RexEvent> samples() {
        return SampleEvents.all().stream();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RexEvent roundTrip(RexEvent event) {
        EventType type = EventTypes.forClass(event.getClass());
        return EventCodec.decode(type, EventCodec.encode(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventSurvivesAJsonRoundTrip(RexEvent event) {
        RexEvent back = roundTrip(event);
        assertEquals(event, back);
        assertEquals(event.key(), back.key());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventCarriesTheEnvelopeInItsJson(RexEvent event) throws Exception {
        JsonNode json = EventCodec.mapper().readTree(EventCodec.encode(event));
        assertEquals(event.id(), json.get("id").asText());
        assertEquals(event.correlationId(), json.get("correlationId").asText());
        assertEquals(event.schemaVersion(), json.get("schemaVersion").asInt());
    }

    @Test
    void questionJsonUsesGqaFieldNames() throws Exception {
        JsonNode json = EventCodec.mapper().readTree(EventCodec.encode(SampleEvents.question()));
        assertTrue(json.get("isBalanced").asBoolean(), json.toString());
        assertEquals("verify color", json.get("semantic").get(2).get("operation").asText());
        assertEquals("5678", json.get("annotations").get("question").get("2").asText());
    }

    @Test
    void unknownSchemaVersionIsRejectedNamingTopicVersionAndSupportedVersions() throws Exception {
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(SampleEvents.question()));
        json.put("schemaVersion", 7);
        UnsupportedSchemaVersionException e = assertThrows(UnsupportedSchemaVersionException.class,
                () -> EventCodec.decode(EventTypes.QUESTION, json.toString()));
        assertEquals(Topics.QUESTIONS, e.topic());
        assertEquals(7, e.version());
        assertEquals(EventTypes.QUESTION.supportedVersions(), e.supported());
        assertTrue(e.getMessage().contains("rex.questions") && e.getMessage().contains("7")
                && e.getMessage().contains("[1]"), e.getMessage());
    }

    @Test
    void missingOrNonIntegerSchemaVersionIsRejected() throws Exception {
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(SampleEvents.prediction()));
        json.remove("schemaVersion");
        EventFormatException missing = assertThrows(EventFormatException.class,
                () -> EventCodec.decode(EventTypes.PREDICTION, json.toString()));
        assertTrue(missing.getMessage().contains("missing schemaVersion"), missing.getMessage());

        json.put("schemaVersion", "one");
        EventFormatException text = assertThrows(EventFormatException.class,
                () -> EventCodec.decode(EventTypes.PREDICTION, json.toString()));
        assertTrue(text.getMessage().contains("must be an integer"), text.getMessage());
    }

    @Test
    void malformedJsonIsAFormatErrorNamingTheTopic() {
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> EventCodec.decode(EventTypes.PROGRAM, "{\"id\": \"x\", "));
        assertEquals(Topics.PROGRAMS, e.topic());
        assertTrue(e.getMessage().startsWith("rex.programs: malformed JSON"), e.getMessage());
        assertThrows(EventFormatException.class, () -> EventCodec.decode(EventTypes.PROGRAM, "[1,2]"));
        EventFormatException deep = assertThrows(EventFormatException.class,
                () -> EventCodec.decode(EventTypes.PROGRAM, "[".repeat(100_000) + "]".repeat(100_000)));
        assertTrue(deep.getMessage().startsWith("rex.programs: malformed JSON"), deep.getMessage());
        EventFormatException deepInside = assertThrows(EventFormatException.class,
                () -> EventCodec.decode(EventTypes.PROGRAM, "{\"schemaVersion\":1,\"x\":" + "[".repeat(100_000)
                        + "]".repeat(100_000) + "}"));
        assertTrue(deepInside.getMessage().startsWith("rex.programs: malformed JSON"), deepInside.getMessage());
        assertThrows(EventFormatException.class, () -> EventCodec.decode(EventTypes.PROGRAM, (byte[]) null));
        assertThrows(EventFormatException.class, () -> EventCodec.decode(EventTypes.PROGRAM, "{} {}"));
    }

    @Test
    void invalidFieldIsAFormatErrorNamingTheField() throws Exception {
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(SampleEvents.question()));
        json.put("qid", " ");
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> EventCodec.decode(EventTypes.QUESTION, json.toString()));
        assertInstanceOf(EventFormatException.class, e);
        assertTrue(e.getMessage().contains("qid is required"), e.getMessage());

        ObjectNode prediction = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(SampleEvents.prediction()));
        prediction.put("confidence", 1.5);
        EventFormatException p = assertThrows(EventFormatException.class,
                () -> EventCodec.decode(EventTypes.PREDICTION, prediction.toString()));
        assertTrue(p.getMessage().contains("confidence must be within [0, 1]"), p.getMessage());
    }

    @Test
    void unknownFieldsOfASupportedVersionAreIgnored() throws Exception {
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(SampleEvents.model()));
        json.put("addedLater", "ok");
        assertEquals(SampleEvents.model(), EventCodec.decode(EventTypes.MODEL, json.toString()));
    }

    @Test
    void annotatedObjectsKeepGqaOrderQuestionThenAnswerThenFullAnswerFirstAppearance() {
        QuestionEvent.QuestionAnnotations a = new QuestionEvent.QuestionAnnotations(
                SampleEvents.ordered("5", "9", "2", "3", "7", "9"), SampleEvents.ordered("0", "4"),
                SampleEvents.ordered("1", "3", "6", "8"));
        assertEquals(java.util.List.of("9", "3", "4", "8"), a.objectIds());
        ExplanationEvent decoded = (ExplanationEvent) roundTrip(SampleEvents.explanation());
        assertEquals(java.util.List.of("5678", "1234"), decoded.groundingReference().annotated().stream()
                .map(GroundingReference.AnnotatedObject::objectId).toList());
    }

    @Test
    void evaluationStatesRequireTheirFields() {
        EvaluationEvent.Counts counts = new EvaluationEvent.Counts(1, 1, 1, 0, 0, 0);
        // pending: counts only
        new EvaluationEvent("i", "c", 2, "v1", "val", null, null, EvaluationEvent.Status.PENDING, null, counts, null,
                null, null, "2026-01-01T00:00:00Z", null);
        assertThrows(IllegalArgumentException.class, () -> new EvaluationEvent("i", "c", 2, "v1", "val", "r", null,
                EvaluationEvent.Status.COMPLETE, "request", counts, java.util.List.of(), "t", "t", "t", null));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationEvent("i", "c", 2, "v1", "val", null, null,
                EvaluationEvent.Status.RUNNING, "request", counts, null, "t", null, "t", null));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationEvent("i", "c", 2, "v1", "val", "r", null,
                EvaluationEvent.Status.FAILED, "request", counts, null, "t", "t", "t", null));
        assertEquals("v1|val", EvaluationEvent.keyOf("v1", "val"));
    }

    @Test
    void statusRulesAreEnforced() {
        assertThrows(IllegalArgumentException.class, () -> new ExplanationEvent("i", "c", 1, "q", "img", "val",
                ExplanationEvent.Status.EXPLAINED, null, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ExplanationEvent("i", "c", 1, "q", "img", "val",
                ExplanationEvent.Status.REJECTED, null, null, null, null, null, null, " "));
        assertThrows(IllegalArgumentException.class, () -> new PredictionEvent("i", "c", 1, "q", "img", null,
                PredictionEvent.Status.PREDICTED, null, 0.5, null, null, null, "v1"));
        // a pending explanation and a no-model prediction are legal without the science's fields
        new ExplanationEvent("i", "c", 1, "q", "img", "val", ExplanationEvent.Status.PENDING, null, null, null, null, null, null, null);
        new PredictionEvent("i", "c", 1, "q", "img", null, PredictionEvent.Status.NO_MODEL, null, 0.0, null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> new ModelEvent("i", "c", 1, "m", "v", null, "loc", "XYZ", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ProgramEvent.Operand(java.util.List.of(1), "obj:3"));
        assertThrows(IllegalArgumentException.class, () -> new Box(10, 0, 5, 1));
    }
}
