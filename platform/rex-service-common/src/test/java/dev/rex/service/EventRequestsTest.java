package dev.rex.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rex.events.EventCodec;
import dev.rex.events.EventFormatException;
import dev.rex.events.EventTypes;
import dev.rex.events.ModelEvent;
import dev.rex.events.RexHeaders;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRequestsTest {
    private static final String SHA = "ab".repeat(32);

    private static JsonNode json(String text) throws Exception {
        return EventCodec.mapper().readTree(text);
    }

    @Test
    void completesTheEnvelopeAndDefaultsOfARestBody() throws Exception {
        ModelEvent m = EventRequests.complete(EventTypes.MODEL, json("{\"modelName\":\"rex\",\"version\":\"v1\","
                + "\"location\":\"models/v1\",\"sha256\":\"" + SHA + "\"}"), Map.of("createdAt", "2026-11-26T07:00:00Z"));
        assertEquals(36, m.id().length(), "a fresh UUID id");
        assertEquals(m.id(), m.correlationId(), "a REST request starts its own flow");
        assertEquals(EventTypes.MODEL.currentVersion(), m.schemaVersion());
        assertEquals("2026-11-26T07:00:00Z", m.createdAt());
    }

    @Test
    void keepsWhatTheClientGave() throws Exception {
        ModelEvent m = EventRequests.complete(EventTypes.MODEL, json("{\"id\":\"i1\",\"correlationId\":\"c1\","
                + "\"schemaVersion\":1,\"modelName\":\"rex\",\"version\":\"v1\",\"location\":\"models/v1\",\"sha256\":\""
                + SHA + "\",\"createdAt\":\"then\"}"), Map.of("createdAt", "now"));
        assertEquals("i1", m.id());
        assertEquals("c1", m.correlationId());
        assertEquals("then", m.createdAt());
    }

    @Test
    void rejectsWhatTheContractRejects() throws Exception {
        EventFormatException notObject = assertThrows(EventFormatException.class,
                () -> EventRequests.complete(EventTypes.MODEL, json("[1]"), Map.of()));
        assertTrue(notObject.getMessage().contains("expected one ModelEvent"), notObject.getMessage());
        EventFormatException future = assertThrows(EventFormatException.class,
                () -> EventRequests.complete(EventTypes.MODEL, json("{\"schemaVersion\":2}"), Map.of()));
        assertTrue(future.getMessage().contains("unsupported schemaVersion 2"), future.getMessage());
        EventFormatException field = assertThrows(EventFormatException.class, () -> EventRequests.complete(EventTypes.MODEL,
                json("{\"modelName\":\"rex\",\"version\":\"v1\",\"location\":\"l\",\"sha256\":\"nothex\"}"), Map.of()));
        assertTrue(field.getMessage().contains("sha256 must be 64 lower-case hex digits"), field.getMessage());
    }

    @Test
    void publishedRecordsAreKeyedAndCarryTheEnvelopeInHeaders() throws Exception {
        ModelEvent m = EventRequests.complete(EventTypes.MODEL, json("{\"modelName\":\"rex\",\"version\":\"v1\","
                + "\"location\":\"models/v1\",\"sha256\":\"" + SHA + "\"}"), Map.of());
        OutgoingKafkaRecordMetadata<String> meta = KafkaEvents.metadata(m);
        assertEquals("rex", meta.getKey(), "rex.models is keyed by model name");
        assertEquals(m.correlationId(), header(meta, RexHeaders.CORRELATION_ID));
        assertEquals(m.id(), header(meta, RexHeaders.EVENT_ID));
        assertEquals("1", header(meta, RexHeaders.SCHEMA_VERSION));
    }

    private static String header(OutgoingKafkaRecordMetadata<String> meta, String name) {
        return new String(meta.getHeaders().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
