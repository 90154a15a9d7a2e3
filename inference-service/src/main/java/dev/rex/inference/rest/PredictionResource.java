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

/** Read access: the prediction made for a qid, and the latest checkpoint known for a model name. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PredictionResource {
    private final InferenceRepository inference;

    public PredictionResource(InferenceRepository inference) {
        this.inference = inference;
    }

    @GET
    @Path("predictions/{qid}")
    public Response prediction(@PathParam("qid") String qid) {
        return StoredJson.orNotFound(inference.findPredictionJson(qid), "prediction for " + qid);
    }

    /** The newest prediction for the qid, or the one of {@code modelVersion} (one row per qid and version). */
    @GET
    @Path("api/predictions/{qid}")
    public Response apiPrediction(@PathParam("qid") String qid, @QueryParam("modelVersion") String modelVersion) {
        return StoredJson.orNotFound(inference.findPredictionJson(qid, Optional.ofNullable(modelVersion)),
                "prediction for " + qid + (modelVersion == null ? "" : " by model version " + modelVersion));
    }

    @GET
    @Path("models/{modelName}/latest")
    public Response latestModel(@PathParam("modelName") String modelName) {
        return StoredJson.orNotFound(inference.latestModelJson(modelName), "model named " + modelName);
    }
}
