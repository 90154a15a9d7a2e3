package dev.rex.events;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records written before the version pin, timing and batch fields existed still decode; the new ones check. */
class PredictionSchemaVersionsTest {
    @Test
    void aVersionOnePredictionStillDecodes() {
        String v1 = """
                {"id":"e1","correlationId":"c1","schemaVersion":1,"qid":"q1","imageId":"img","split":"val",
                 "status":"PREDICTED","answer":"yes","confidence":0.75,"explanation":["#1","is","red"],
                 "regions":[{"token":"#1","region":1,"box":{"x1":1.0,"y1":2.0,"x2":3.0,"y2":4.0}}],
                 "gateValues":[0.1,0.9,0.8],"modelVersion":"v1"}""";
        PredictionEvent p = EventCodec.decode(EventTypes.PREDICTION, v1);
        assertEquals("v1", p.modelVersion());
        assertNull(p.requestedAt());
        assertNull(p.batchSize());
        assertEquals(List.of(), p.servedVersions());
    }

    @Test
    void aRequestWithoutRequestedAtStillDecodes() {
        String old = """
                {"id":"e1","correlationId":"c1","schemaVersion":1,"qid":"q1","imageId":"img","question":"Why?"}""";
        assertNull(EventCodec.decode(EventTypes.INFERENCE_REQUEST, old).requestedAt());
    }

    @Test
    void versionUnavailableNamesTheRequestedAndTheServedVersions() {
        PredictionEvent p = new PredictionEvent("e", "c", 2, "q", "img", null,
                PredictionEvent.Status.VERSION_UNAVAILABLE, null, 0.0, null, null, null, null, "v-old",
                List.of("v3", "v2"), "2026-12-02T08:00:00Z", "2026-12-02T08:00:01Z", null, null);
        assertEquals(p, EventCodec.decode(EventTypes.PREDICTION, EventCodec.encode(p)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PredictionEvent("e", "c",
                2, "q", "img", null, PredictionEvent.Status.VERSION_UNAVAILABLE, null, 0.0, null, null, null, null,
                null, List.of("v3"), null, null, null, null));
        assertTrue(e.getMessage().contains("requestedVersion"), e.getMessage());
    }

    @Test
    void timesMustBeInstants() {
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.decode(
                EventTypes.INFERENCE_REQUEST, """
                        {"id":"e1","correlationId":"c1","schemaVersion":1,"qid":"q1","imageId":"img","question":"Why?",
                         "requestedAt":"yesterday"}"""));
        assertTrue(e.getMessage().contains("requestedAt"), e.getMessage());
    }
}
