package dev.rex.training.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rex.training.runs.TrainingRunRepository;
import dev.rex.training.runs.TrainingRunRequest;
import dev.rex.training.runs.TrainingRunView;
import dev.rex.training.runs.TrainingRuns;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.util.List;
import dev.rex.service.rest.Problems;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Training runs over REST. {@code POST} takes the flags of {@code rex train} as JSON and answers 202 with the run
 * (id, status QUEUED) and its location; a bad configuration gets 400 with {@code field} naming the culprit.
 * {@code GET /{id}} shows status, progress and per-epoch metrics; {@code DELETE /{id}} cancels a queued or running run.
 */
@Path("/api/training-runs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class TrainingRunResource {
    @Inject
    TrainingRuns training;
    @Inject
    TrainingRunRepository runs;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a training run: the flags of rex train as JSON (paths under rex.data.roots or the "
            + "models folder); 400 names the bad field, 503 + Retry-After when rex.training.max-queued-runs wait")
    @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TrainingRunRequest.class)))
    public Response start(JsonNode body, @Context UriInfo uri) {
        TrainingRunView run = training.submit(TrainingRunRequest.parse(body));
        return Response.accepted(run).location(uri.getAbsolutePathBuilder().path(run.id()).build()).build();
    }

    @GET
    @Operation(summary = "The latest runs, newest first (limit 1..1000)")
    public List<TrainingRunView> list(@QueryParam("limit") @DefaultValue("100") @jakarta.validation.constraints.Min(1)
                                      @jakarta.validation.constraints.Max(1000) int limit) {
        return runs.list(limit);
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return training.find(id).map(r -> Response.ok(r).build()).orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    public Response cancel(@PathParam("id") String id) {
        return training.cancel(id).map(c -> c.accepted() ? Response.accepted(c.run()).build()
                        : Problems.of(409, null, "run " + id + " is already " + c.run().status()
                        + "; only QUEUED or RUNNING runs can be cancelled", null, "/api/training-runs/" + id))
                .orElseGet(() -> notFound(id));
    }

    private static Response notFound(String id) {
        return Problems.notFound("no training run " + id, "/api/training-runs/" + id);
    }
}
