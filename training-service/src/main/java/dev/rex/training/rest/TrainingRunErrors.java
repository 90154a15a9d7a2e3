package dev.rex.training.rest;

import dev.rex.model.train.InvalidTrainingConfigException;
import dev.rex.service.rest.Problems;
import dev.rex.training.runs.QueueFullException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** 400 naming the bad field of a training configuration; 503 with Retry-After when the run queue is full. */
public class TrainingRunErrors {
    @ServerExceptionMapper
    public Response invalidConfig(InvalidTrainingConfigException e, UriInfo uri) {
        return Problems.badRequest(e.field(), e.getMessage(), "/" + uri.getPath().replaceFirst("^/", ""));
    }

    @ServerExceptionMapper
    public Response queueFull(QueueFullException e, UriInfo uri) {
        return Problems.of(503, null, e.getMessage(), null, "/" + uri.getPath().replaceFirst("^/", ""),
                Map.of("Retry-After", "60"));
    }
}
