package dev.rex.evaluation.rest;

import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.service.StoredJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Read access: the latest table of an evaluation run ({@code eval-<model version>-<split>}). */
@Path("/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class EvaluationResource {
    private final EvaluationRepository evaluations;

    public EvaluationResource(EvaluationRepository evaluations) {
        this.evaluations = evaluations;
    }

    @GET
    @Path("/{runId}")
    public Response evaluation(@PathParam("runId") String runId) {
        return StoredJson.orNotFound(evaluations.findEvaluationJson(runId), "evaluation run " + runId);
    }
}
