package dev.rex.evaluation.rest;

import dev.rex.evaluation.config.EvaluationConfig;
import dev.rex.evaluation.dashboard.DashboardFeed;
import dev.rex.evaluation.dashboard.PublishedAnchors;
import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventCodec;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.events.TrainingProgressEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the dashboard ({@code /}) reads: the evaluation states per (model version, split), the published anchors,
 * training progress, a prediction beside its reference for the question viewer, the image when an image folder is
 * configured, and the live feed of server-sent events ({@link DashboardFeed}).
 */
@Path("/api")
@Blocking
public class DashboardResource {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final int MAX_PAGE = 500;
    private static final int MAX_PROGRESS = 5000;

    private final EvaluationRepository repository;
    private final DashboardFeed feed;
    private final EvaluationConfig config;

    public DashboardResource(EvaluationRepository repository, DashboardFeed feed, EvaluationConfig config) {
        this.repository = repository;
        this.feed = feed;
        this.config = config;
    }

    /** The latest state of every (model version, split), most recently changed first: what rex.evaluations holds. */
    @GET
    @Path("/evaluation-states")
    @Produces(MediaType.APPLICATION_JSON)
    public List<EvaluationEvent> states() {
        return repository.states();
    }

    @GET
    @Path("/published-anchors")
    @Produces(MediaType.APPLICATION_JSON)
    public List<PublishedAnchors.Anchor> anchors() {
        return PublishedAnchors.ALL;
    }

    /** Training runs seen on rex.training.progress, newest first, each as its latest event. */
    @GET
    @Path("/training-progress")
    @Produces(MediaType.APPLICATION_JSON)
    public List<TrainingProgressEvent> trainingRuns(@QueryParam("limit") @DefaultValue("20") int limit) {
        return repository.trainingRuns(bounded(limit, 100));
    }

    /** One training run's progress events in order (the latest {@code limit}): loss per step, val metrics per epoch. */
    @GET
    @Path("/training-progress/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response trainingProgress(@PathParam("runId") String runId,
                                     @QueryParam("limit") @DefaultValue("2000") int limit) {
        List<TrainingProgressEvent> events = repository.trainingProgress(runId, bounded(limit, MAX_PROGRESS));
        return events.isEmpty() ? notFound("no training progress of run " + runId + " received")
                : Response.ok(events).build();
    }

    /** Qids with a prediction of the model version on the split, in qid order (a page of at most 500). */
    @GET
    @Path("/questions")
    @Produces(MediaType.APPLICATION_JSON)
    public Response questions(@QueryParam("modelVersion") String modelVersion, @QueryParam("split") String split,
                              @QueryParam("offset") @DefaultValue("0") int offset,
                              @QueryParam("limit") @DefaultValue("50") int limit) {
        if (blank(modelVersion) || blank(split)) {
            return problem(Response.Status.BAD_REQUEST, "give the query parameters modelVersion and split, e.g. "
                    + "GET /api/questions?modelVersion=v1&split=val");
        }
        if (offset < 0) {
            return problem(Response.Status.BAD_REQUEST, "offset must be >= 0, was " + offset);
        }
        return Response.ok(repository.predictedQids(modelVersion, split, offset, bounded(limit, MAX_PAGE))).build();
    }

    /**
     * The question viewer's record: the model's prediction (answer, confidence, explanation tokens, regions with
     * boxes) beside the reference (question, answer, converted explanation, grounding reference: image size,
     * annotated objects, detected boxes), and the image's URL when the image folder has it.
     */
    @GET
    @Path("/questions/{qid}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response question(@PathParam("qid") String qid, @QueryParam("modelVersion") String modelVersion) {
        if (blank(modelVersion)) {
            return problem(Response.Status.BAD_REQUEST, "give the query parameter modelVersion, e.g. "
                    + "GET /api/questions/" + qid + "?modelVersion=v1");
        }
        Optional<PredictionEvent> prediction = repository.findPredictionJson(modelVersion, qid)
                .map(j -> EventCodec.decode(EventTypes.PREDICTION, j));
        if (prediction.isEmpty()) {
            return notFound("no prediction of model version " + modelVersion + " for question " + qid);
        }
        ExplanationEvent reference = repository.findReferenceJson(qid)
                .map(j -> EventCodec.decode(EventTypes.EXPLANATION, j)).orElse(null);
        String imageId = prediction.get().imageId();
        String image = imageFile(imageId).isPresent() ? "api/images/" + imageId : null;
        return Response.ok(new QuestionView(qid, prediction.get(), reference, image)).build();
    }

    /** The question viewer's record. {@code imageUrl} is null when no image folder has the image. */
    public record QuestionView(String qid, PredictionEvent prediction, ExplanationEvent reference, String imageUrl) {
    }

    /** An image of the configured folder ({@code rex.evaluation.image-dir}); ids are plain names, never paths. */
    @GET
    @Path("/images/{imageId}")
    @Produces({"image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    public Response image(@PathParam("imageId") String imageId) {
        Optional<java.nio.file.Path> file = imageFile(imageId);
        if (file.isEmpty()) {
            return notFound("no image " + imageId + (config.imageDir().isEmpty()
                    ? ": no image folder configured (rex.evaluation.image-dir)" : " in the image folder"));
        }
        String type = file.get().getFileName().toString().endsWith(".png") ? "image/png" : "image/jpeg";
        return Response.ok(file.get().toFile(), type).build();
    }

    /** Live feed: server-sent events {@code evaluation}, {@code training} and {@code model} (JSON data). */
    @GET
    @Path("/dashboard-events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        feed.register(sse, sink);
    }

    private Optional<java.nio.file.Path> imageFile(String imageId) {
        if (config.imageDir().isEmpty() || imageId == null || !ID.matcher(imageId).matches()) {
            return Optional.empty();
        }
        java.nio.file.Path root = config.imageDir().get().toAbsolutePath().normalize();
        for (String ext : List.of(".jpg", ".jpeg", ".png")) {
            java.nio.file.Path f = root.resolve(imageId + ext).normalize();
            if (f.startsWith(root) && Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static int bounded(int value, int max) {
        return Math.max(1, Math.min(max, value));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Response notFound(String detail) {
        return problem(Response.Status.NOT_FOUND, detail);
    }

    static Response problem(Response.Status status, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", status.getReasonPhrase(), "status", status.getStatusCode(),
                        "detail", detail)).build();
    }
}
