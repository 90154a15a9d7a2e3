package dev.rex.service;

import dev.rex.events.EventFormatException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** A REST request carrying an invalid event gets 400 with the contract's reason (which names the field). */
@Provider
public class EventFormatExceptionMapper implements ExceptionMapper<EventFormatException> {
    @Override
    public Response toResponse(EventFormatException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", e.getMessage())).build();
    }
}
