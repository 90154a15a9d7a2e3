package dev.rex.inference.rest;

import dev.rex.events.ModelEvent;
import dev.rex.inference.model.ModelHolder;
import dev.rex.inference.model.ServingModel;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.service.StoredJson;
import jakarta.ws.rs.PathParam;
import dev.rex.service.rest.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which model answers on this replica now, and which announced checkpoints it refused and why
 * ({@code /api/models/current}); the latest announcement per name ({@code /api/models/{name}/latest}).
 */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    private final ModelHolder holder;
    private final InferenceRepository inference;

    public ModelResource(ModelHolder holder, InferenceRepository inference) {
        this.holder = holder;
        this.inference = inference;
    }

    /** The latest checkpoint announced for a model name (recorded, whether or not this replica serves it). */
    @GET
    @Path("{modelName}/latest")
    @io.smallrye.common.annotation.Blocking
    public Response latest(@PathParam("modelName") @jakarta.validation.constraints.Size(max = 200) String modelName) {
        return StoredJson.orNotFound(inference.latestModelJson(modelName), "model named " + modelName);
    }

    @GET
    @Path("current")
    public Response current() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (holder.current().isEmpty()) { // a problem+json with the skipped checkpoints as an extension member
            body.put("type", "about:blank");
            body.put("servedVersions", java.util.List.of());
            body.put("title", "Not Found");
            body.put("status", 404);
            body.put("detail", "no model loaded: none has been announced on rex.models yet, or none whose files "
                    + "exist with the announced sha256 (see skipped); requests are answered NO_MODEL");
            body.put("instance", "/api/models/current");
            body.put("skipped", holder.skipped());
            return Response.status(Response.Status.NOT_FOUND).type(Problem.MEDIA_TYPE).entity(body).build();
        }
        ServingModel m = holder.current().get();
        ModelEvent e = m.event();
        body.put("modelName", e.modelName());
        body.put("version", e.version());
        body.put("runId", e.runId());
        body.put("location", m.dir().toString());
        body.put("sha256", e.sha256());
        body.put("loadedAt", m.loadedAt().toString());
        body.put("valMetrics", e.valMetrics());
        // every version answering here, newest first: requests pinned to one of them are answered by it
        body.put("servedVersions", holder.servedNow().stream().map(s -> s.event().version()).toList());
        body.put("skipped", holder.skipped());
        return Response.ok(body).build();
    }
}
