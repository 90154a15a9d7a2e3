package dev.rex.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rex.events.EventCodec;
import dev.rex.events.EventFormatException;
import dev.rex.events.EventIds;
import dev.rex.events.EventType;
import dev.rex.events.RexEvent;

import java.util.Map;

/**
 * Events submitted over REST: the body is the topic's event shape, and whatever a client need not know is filled in
 * when absent — a fresh {@code id}, the {@code correlationId} (= the id: the request starts a flow), the current
 * {@code schemaVersion}, and service defaults. The result is checked with the same contract as a consumed record;
 * an {@link EventFormatException} becomes a 400 answer ({@link EventFormatExceptionMapper}).
 */
public final class EventRequests {
    private EventRequests() {
    }

    public static <T extends RexEvent> T complete(EventType<T> type, JsonNode body, Map<String, String> defaults) {
        if (!(body instanceof ObjectNode event)) {
            throw new EventFormatException(type.topic(), "expected one " + type.eventClass().getSimpleName()
                    + " as a JSON object");
        }
        if (!event.hasNonNull("id")) {
            event.put("id", EventIds.newId());
        }
        if (!event.hasNonNull("correlationId")) {
            event.put("correlationId", event.get("id").asText());
        }
        if (!event.hasNonNull("schemaVersion")) {
            event.put("schemaVersion", type.currentVersion());
        }
        defaults.forEach((field, value) -> {
            if (!event.hasNonNull(field)) {
                event.put(field, value);
            }
        });
        return EventCodec.decode(type, event.toString());
    }
}
