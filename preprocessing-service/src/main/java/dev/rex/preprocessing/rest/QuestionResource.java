package dev.rex.preprocessing.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rex.events.EventCodec;
import dev.rex.events.EventFormatException;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.QuestionEvent;
import dev.rex.preprocessing.config.PreprocessingConfig;
import dev.rex.preprocessing.messaging.Channels;
import dev.rex.preprocessing.persistence.QuestionRepository;
import dev.rex.service.KafkaEvents;
import dev.rex.service.MessagingConfig;
import dev.rex.service.StoredJson;
import io.smallrye.common.annotation.Blocking;
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

import java.util.Map;

/**
 * REST ingest: {@code POST /questions} takes one question in the {@code rex.questions} shape (GQA fields plus
 * {@code qid} and {@code split}); the envelope ({@code id}, {@code correlationId}, {@code schemaVersion}) is
 * filled in when absent. The question is validated with the event contract and published to rex.questions,
 * where this service's own consumer persists and routes it like any other.
 */
@Path("/questions")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class QuestionResource {
    private final QuestionRepository questions;
    private final PreprocessingConfig config;
    private final MessagingConfig messaging;
    private final Emitter<String> out;

    public QuestionResource(QuestionRepository questions, PreprocessingConfig config, MessagingConfig messaging,
                            @Channel(Channels.QUESTIONS_OUT) Emitter<String> out) {
        this.questions = questions;
        this.config = config;
        this.messaging = messaging;
        this.out = out;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ingest(JsonNode body) {
        if (!(body instanceof ObjectNode question)) {
            return error("expected one question as a JSON object");
        }
        if (!question.hasNonNull("id")) {
            question.put("id", EventIds.newId());
        }
        if (!question.hasNonNull("correlationId")) {
            question.put("correlationId", question.get("id").asText());
        }
        if (!question.hasNonNull("schemaVersion")) {
            question.put("schemaVersion", EventTypes.QUESTION.currentVersion());
        }
        if (!question.hasNonNull("split")) {
            question.put("split", config.defaultSplit());
        }
        QuestionEvent event;
        try {
            event = EventCodec.decode(EventTypes.QUESTION, question.toString());
        } catch (EventFormatException e) {
            return error(e.getMessage());
        }
        KafkaEvents.publish(out, event, messaging.publishTimeout());
        return Response.accepted(Map.of("qid", event.qid(), "id", event.id(), "correlationId", event.correlationId()))
                .build();
    }

    @GET
    @Path("/{qid}")
    public Response get(@PathParam("qid") String qid) {
        return StoredJson.orNotFound(questions.findJson(qid), "question " + qid);
    }

    private static Response error(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", message)).build();
    }
}
