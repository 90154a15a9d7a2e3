package dev.rex.events;

import java.util.UUID;

/** New event ids. An event caused by another keeps the cause's correlation id and gets a fresh id. */
public final class EventIds {
    private EventIds() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
