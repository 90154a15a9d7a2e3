package dev.rex.service;

import dev.rex.service.rest.Problems;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/** REST answers for stored events: the JSON as persisted, or a 404 problem naming what was not found. */
public final class StoredJson {
    private StoredJson() {
    }

    public static Response orNotFound(Optional<String> json, String what) {
        return json.map(j -> Response.ok(j, MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(() -> Problems.notFound("no " + what, null));
    }
}
