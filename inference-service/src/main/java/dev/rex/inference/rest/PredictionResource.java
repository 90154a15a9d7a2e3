package dev.rex.inference.rest;

import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.service.StoredJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/** Read access: {@code /api/predictions/{qid}[?modelVersion=]}, the prediction stored for a qid. */
@Path("/api/predictions")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PredictionResource {
    private final InferenceRepository inference;

    public PredictionResource(InferenceRepository inference) {
        this.inference = inference;
    }

    /** The newest prediction for the qid, or the one of {@code modelVersion} (one row per qid and version). */
    @GET
    @Path("/{qid}")
    public Response prediction(@PathParam("qid") @jakarta.validation.constraints.Size(max = 200) String qid,
                               @QueryParam("modelVersion") @jakarta.validation.constraints.Size(max = 200)
                               String modelVersion) {
        return StoredJson.orNotFound(inference.findPredictionJson(qid, Optional.ofNullable(modelVersion)),
                "prediction for " + qid + (modelVersion == null ? "" : " by model version " + modelVersion));
    }
}
