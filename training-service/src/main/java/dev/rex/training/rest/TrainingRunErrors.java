package dev.rex.training.rest;

import dev.rex.model.train.InvalidTrainingConfigException;
import dev.rex.training.runs.QueueFullException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** 400 naming the bad field of a training configuration; 503 when the run queue is full. */
public class TrainingRunErrors {
    @ServerExceptionMapper
    public Response invalidConfig(InvalidTrainingConfigException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("field", e.field(), "error", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response queueFull(QueueFullException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", "60").entity(Map.of("error", e.getMessage())).build();
    }
}
