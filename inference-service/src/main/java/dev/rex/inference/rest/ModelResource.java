package dev.rex.inference.rest;

import dev.rex.events.ModelEvent;
import dev.rex.inference.model.ModelHolder;
import dev.rex.inference.model.ServingModel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which model answers on this replica now, and which announced checkpoints it refused and why. */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    private final ModelHolder holder;

    public ModelResource(ModelHolder holder) {
        this.holder = holder;
    }

    @GET
    @Path("current")
    public Response current() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (holder.current().isEmpty()) {
            body.put("servedVersions", java.util.List.of());
            body.put("error", "no model loaded: none has been announced on rex.models yet, or none whose files "
                    + "exist with the announced sha256 (see skipped); requests are answered NO_MODEL");
            body.put("skipped", holder.skipped());
            return Response.status(Response.Status.NOT_FOUND).entity(body).build();
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
