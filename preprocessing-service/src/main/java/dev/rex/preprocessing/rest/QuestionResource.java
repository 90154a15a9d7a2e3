package dev.rex.preprocessing.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rex.events.EventTypes;
import dev.rex.events.QuestionEvent;
import dev.rex.preprocessing.config.PreprocessingConfig;
import dev.rex.preprocessing.messaging.Channels;
import dev.rex.preprocessing.persistence.QuestionRepository;
import dev.rex.service.EventRequests;
import dev.rex.service.KafkaEvents;
import dev.rex.service.MessagingConfig;
import dev.rex.service.StoredJson;
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

import java.util.Map;

/**
 * REST ingest: {@code POST /questions} takes one question in the {@code rex.questions} shape (GQA fields plus
 * {@code qid}, optional {@code split}), completes the envelope ({@link EventRequests}) and publishes it to
 * rex.questions, where this service's own consumer persists and routes it like any other question.
 */
@Path("/questions")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class QuestionResource {
    @Inject
    QuestionRepository questions;
    @Inject
    PreprocessingConfig config;
    @Inject
    MessagingConfig messaging;
    @Inject
    @Channel(Channels.QUESTIONS_OUT)
    Emitter<String> out;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ingest(JsonNode body) {
        QuestionEvent event = EventRequests.complete(EventTypes.QUESTION, body, Map.of("split", config.defaultSplit()));
        KafkaEvents.publish(out, event, messaging.publishTimeout());
        return Response.accepted(Map.of("qid", event.qid(), "id", event.id(), "correlationId", event.correlationId()))
                .build();
    }

    @GET
    @Path("/{qid}")
    public Response get(@PathParam("qid") String qid) {
        return StoredJson.orNotFound(questions.findJson(qid), "question " + qid);
    }
}
