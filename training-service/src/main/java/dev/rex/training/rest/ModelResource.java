package dev.rex.training.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rex.events.EventTypes;
import dev.rex.events.ModelEvent;
import dev.rex.service.EventRequests;
import dev.rex.service.KafkaEvents;
import dev.rex.service.MessagingConfig;
import dev.rex.service.StoredJson;
import dev.rex.training.messaging.Channels;
import dev.rex.training.persistence.TrainingRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.time.Instant;
import java.util.Map;

/**
 * Checkpoints: {@code POST /api/models} announces a ready checkpoint (the {@code rex.models} shape; envelope and
 * {@code createdAt} completed by {@link EventRequests}) — how a run trained outside the service (the {@code rex train}
 * verb) reaches inference and evaluation; runs of the service announce their own (dev.rex.training.runs). Persisted
 * first, then published.
 */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ModelResource {
    @Inject
    TrainingRepository training;
    @Inject
    dev.rex.training.config.TrainingConfig config;
    @Inject
    MessagingConfig messaging;
    @Inject
    @Channel(Channels.MODELS_OUT)
    Emitter<String> models;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response announce(JsonNode body) {
        ModelEvent event = EventRequests.complete(EventTypes.MODEL, body, Map.of("createdAt", Instant.now().toString()));
        // inference loads what is announced: only checkpoints inside the models folder may be
        dev.rex.service.ConfinedPath.resolve("location", event.location(), java.util.List.of(config.modelsDir()),
                "rex.training.models-dir (REX_MODELS_DIR)");
        training.upsertModel(event);
        KafkaEvents.publish(models, event, messaging.publishTimeout());
        return Response.accepted(Map.of("modelName", event.modelName(), "version", event.version(), "id", event.id())).build();
    }

    @GET
    @Path("/{modelName}/{version}")
    public Response get(@PathParam("modelName") String modelName, @PathParam("version") String version) {
        return StoredJson.orNotFound(training.findModelJson(modelName, version), "model " + modelName + " " + version);
    }
}
