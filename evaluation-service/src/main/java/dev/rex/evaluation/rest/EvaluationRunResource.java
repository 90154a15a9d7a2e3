package dev.rex.evaluation.rest;

import dev.rex.evaluation.persistence.RunRepository;
import dev.rex.evaluation.persistence.RunRepository.Pair;
import dev.rex.evaluation.run.EvaluationRunner;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The metric tables: the latest per (model version, split), one run with its table, and runs on demand (the
 * automatic ones follow the quiet period). Metric values are × 100; null where not computed, the note says why.
 */
@Path("/api/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class EvaluationRunResource {
    public static final String TRIGGER = "request";

    private final RunRepository runs;
    private final EvaluationRunner runner;

    public EvaluationRunResource(RunRepository runs, EvaluationRunner runner) {
        this.runs = runs;
        this.runner = runner;
    }

    /** The latest finished table of every (model version, split), newest first. */
    @GET
    public List<RunRepository.Run> latest() {
        return runs.latestTables();
    }

    @GET
    @Path("/{runId}")
    public Response run(@PathParam("runId") String runId) {
        return runs.find(runId).map(r -> Response.ok(r).build())
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "no evaluation run " + runId));
    }

    /** Queues a run of the pair (joining one already queued): 202 with its id; poll {@code GET /api/evaluations/{id}}. */
    @POST
    public Response request(@QueryParam("modelVersion") @jakarta.validation.constraints.Size(max = 200) String modelVersion,
                            @QueryParam("split") @jakarta.validation.constraints.Size(max = 64) String split) {
        if (modelVersion == null || modelVersion.isBlank() || split == null || split.isBlank()) {
            return error(Response.Status.BAD_REQUEST, "give both query parameters modelVersion and split, e.g. "
                    + "POST /api/evaluations?modelVersion=v1&split=val");
        }
        Pair pair = new Pair(modelVersion, split);
        if (!runs.hasPredictions(pair)) {
            return error(Response.Status.NOT_FOUND, "no predictions of model version " + modelVersion + " on split "
                    + split + " received yet: nothing to evaluate");
        }
        String runId = runner.request(pair, TRIGGER);
        return Response.accepted(Map.of("runId", runId, "modelVersion", modelVersion, "split", split))
                .location(URI.create("/api/evaluations/" + runId)).build();
    }

    private static Response error(Response.Status status, String message) {
        return dev.rex.service.rest.Problems.of(status.getStatusCode(), null, message, null, "/api/evaluations");
    }
}
