package dev.rex.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * JSON encoding of events, and the schema-version rule: {@link #decode} reads {@code schemaVersion} before
 * binding anything and throws {@link UnsupportedSchemaVersionException} for a version the event type does not
 * list as supported. Unknown fields within a supported version are ignored (additive changes need no new
 * version); any change that removes or re-means a field needs a new version.
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private EventCodec() {
    }

    /** The mapper events are written with (for adapters that need to embed an event as a JSON tree). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(RexEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static <T extends RexEvent> T decode(EventType<T> type, byte[] json) {
        if (json == null) {
            throw new EventFormatException(type.topic(), "empty record (no value)");
        }
        return decode(type, new String(json, StandardCharsets.UTF_8));
    }

    /**
     * @throws UnsupportedSchemaVersionException when the version is not one {@code type} supports
     * @throws EventFormatException              when the record is not JSON, is not an object, lacks the envelope,
     *                                           or violates the event's field rules (the message names the field)
     */
    public static <T extends RexEvent> T decode(EventType<T> type, String json) {
        String topic = type.topic();
        if (json == null || json.isBlank()) {
            throw new EventFormatException(topic, "empty record (no value)");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EventFormatException(topic, "malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (!(tree instanceof ObjectNode)) {
            throw new EventFormatException(topic, "expected a JSON object, got " + tree.getNodeType());
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new EventFormatException(topic, "missing schemaVersion (supported versions " + type.supportedVersions() + ")");
        }
        if (!version.canConvertToExactIntegral() || !version.canConvertToInt()) {
            throw new EventFormatException(topic, "schemaVersion must be an integer, was " + version);
        }
        if (!type.supportedVersions().contains(version.intValue())) {
            throw new UnsupportedSchemaVersionException(topic, version.intValue(), type.supportedVersions());
        }
        try {
            return MAPPER.treeToValue(tree, type.eventClass());
        } catch (ValueInstantiationException e) {
            // a compact constructor refused a field: its message names the field and the rule
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new EventFormatException(topic, "invalid " + type.eventClass().getSimpleName() + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new EventFormatException(topic, "invalid " + type.eventClass().getSimpleName() + ": " + detail, e);
        }
    }
}
