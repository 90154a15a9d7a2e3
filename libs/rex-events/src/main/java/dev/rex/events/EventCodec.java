package dev.rex.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON encoding of events, and the schema-version rule: {@link #decode} reads {@code schemaVersion} before
 * binding anything and throws {@link UnsupportedSchemaVersionException} for a version the event type does not
 * list as supported. Unknown fields within a supported version are ignored (additive changes need no new
 * version); any change that removes or re-means a field needs a new version.
 */
public final class EventCodec {
    /**
     * Boxes are float32 values carried as doubles, whose decimal forms are 17 digits long: the JDK's own conversions
     * of those dominated a service's CPU. The fast parser gives the same double for every input (it is exact); the
     * fast writer prints the shortest decimal that reads back as the same double (the JDK 19+ rule; JDK 17 sometimes
     * prints a longer one), so every value still survives the round trip unchanged.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .registerModule(ImageJsonMemo.module());

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
        checkVersion(type, json);
        try {
            return MAPPER.readerFor(type.eventClass()).withAttribute(ImageJsonMemo.SOURCE, json).readValue(json);
        } catch (ValueInstantiationException e) {
            // a compact constructor refused a field: its message names the field and the rule
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new EventFormatException(topic, "invalid " + type.eventClass().getSimpleName() + ": " + cause.getMessage(), e);
        } catch (JsonParseException | StreamConstraintsException e) {
            throw new EventFormatException(topic, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new EventFormatException(topic, "invalid " + type.eventClass().getSimpleName() + ": " + detail, e);
        }
    }

    /**
     * Reads the top-level {@code schemaVersion} before anything is bound: the envelope writes it third, so this
     * stops after a few tokens instead of building a tree of the whole event.
     */
    private static void checkVersion(EventType<?> type, String json) {
        String topic = type.topic();
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren(); // a malformed (or too deeply nested) document is reported as such first
                while (p.nextToken() != null) p.skipChildren();
                throw new EventFormatException(topic, "expected a JSON object, got " + nodeType(first));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!"schemaVersion".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                if (value == JsonToken.VALUE_NULL) break;
                int version = integral(topic, p, value);
                if (!type.supportedVersions().contains(version)) {
                    throw new UnsupportedSchemaVersionException(topic, version, type.supportedVersions());
                }
                return;
            }
            throw new EventFormatException(topic, "missing schemaVersion (supported versions " + type.supportedVersions() + ")");
        } catch (JsonParseException | StreamConstraintsException e) {
            throw new EventFormatException(topic, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EventFormatException(topic, "malformed JSON: " + e.getMessage(), e);
        }
    }

    private static int integral(String topic, JsonParser p, JsonToken value) throws IOException {
        boolean number = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
        if (number) {
            double v = p.getDoubleValue();
            if (v == Math.rint(v) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return (int) v;
        }
        throw new EventFormatException(topic, "schemaVersion must be an integer, was "
                + (value == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText()));
    }

    /** The name readTree gave a non-object document's root (as in "expected a JSON object, got ARRAY"). */
    private static String nodeType(JsonToken t) {
        if (t == null) return "MISSING";
        return switch (t) {
            case START_ARRAY -> "ARRAY";
            case VALUE_STRING -> "STRING";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
            case VALUE_NULL -> "NULL";
            default -> t.name();
        };
    }
}
