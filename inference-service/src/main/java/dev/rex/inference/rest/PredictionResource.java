package dev.rex.inference.rest;

import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.service.StoredJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Read access: {@code /api/predictions/{qid}}, the prediction stored for a qid. */
@Path("/api/predictions")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PredictionResource {
    private final InferenceRepository inference;

    public PredictionResource(InferenceRepository inference) {
        this.inference = inference;
    }

    @GET
    @Path("/{qid}")
    public Response prediction(@PathParam("qid") @jakarta.validation.constraints.Size(max = 200) String qid) {
        return StoredJson.orNotFound(inference.findPredictionJson(qid), "prediction for " + qid);
    }
}
