package dev.rex.service;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/** REST answers for stored events: the JSON as persisted, or 404 naming what was not found. */
public final class StoredJson {
    private StoredJson() {
    }

    public static Response orNotFound(Optional<String> json, String what) {
        return json.map(j -> Response.ok(j, MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity("{\"error\":\"no " + what.replace("\"", "'") + "\"}")
                        .type(MediaType.APPLICATION_JSON_TYPE).build());
    }
}
