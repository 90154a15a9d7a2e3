package dev.rex.preprocessing.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rex.events.EventIds;
import dev.rex.events.QuestionEvent;
import dev.rex.gqa.io.GqaFormatException;
import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.preprocessing.config.PreprocessingConfig;
import dev.rex.preprocessing.gqa.GqaEvents;
import dev.rex.preprocessing.gqa.SceneSources;
import dev.rex.preprocessing.messaging.Channels;
import dev.rex.preprocessing.program.ProgramAbstraction;
import dev.rex.preprocessing.persistence.QuestionRepository;
import dev.rex.service.KafkaEvents;
import dev.rex.service.MessagingConfig;
import dev.rex.service.StoredJson;
import dev.rex.service.rest.ProblemException;
import dev.rex.service.rest.RequestLimits;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/questions[?split=…]}: questions in GQA's own JSON format — a batch {@code {qid: question, …}}, or
 * one question object carrying its {@code qid}. Every question is checked before anything is published (all or
 * nothing): the fields the chain reads (rex-gqa's reader, the same rules as {@code rex dataset build}), the program
 * (the semantics abstraction: unknown operation, dependency out of range, …) and, when the split's scene graphs are
 * known, the image. Any problem → 400 (problem+json) listing each one as {@code {qid, field, reason}}; otherwise 202 and the
 * questions go to {@code rex.questions}. Problems found later (an object missing from the scene graph) become
 * rejection records of the explanation service. {@code GET /api/questions/{qid}} shows a stored question.
 */
@Path("/api/questions")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class GqaQuestionResource {
    private static final ObjectMapper JSON = RequestLimits.mapper();

    /** One problem of a posted question. */
    public record Problem(String qid, String field, String reason) {
    }

    @Inject
    PreprocessingConfig config;
    @Inject
    MessagingConfig messaging;
    @Inject
    SceneSources sources;
    @Inject
    QuestionRepository questions;
    @Inject
    @Channel(Channels.QUESTIONS_OUT)
    Emitter<String> out;

    @GET
    @Path("/{qid}")
    @Operation(summary = "The stored question event of a qid")
    public Response get(@PathParam("qid") @Size(max = RequestLimits.MAX_QID_CHARS) String qid) {
        return StoredJson.orNotFound(questions.findJson(qid), "question " + qid);
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Questions in GQA's JSON format, checked all or nothing, then published to rex.questions")
    @APIResponse(responseCode = "202", description = "accepted: every question was published")
    @APIResponse(responseCode = "400", description = "a problem+json listing each invalid question (qid, field, reason)")
    public Response post(String body, @QueryParam("split") String splitParam) {
        String split = splitParam == null || splitParam.isBlank() ? config.defaultSplit()
                : RequestLimits.checkName("split", splitParam);
        JsonNode tree;
        try {
            tree = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", RequestLimits.describe(e));
        }
        if (!(tree instanceof ObjectNode object) || object.isEmpty()) {
            throw ProblemException.badRequest("body", "expected GQA questions: a JSON object {qid: question, …} or "
                    + "one question object with its qid");
        }
        ObjectNode batch = object;
        if (object.has("qid") && object.get("qid").isTextual()) { // one question carrying its qid
            ObjectNode q = object.deepCopy();
            batch = JSON.createObjectNode();
            batch.set(q.remove("qid").asText(), q);
        }
        List<QuestionEntry> entries;
        try {
            entries = read(batch);
        } catch (GqaFormatException e) {
            throw ProblemException.badRequest("body", e.getMessage());
        }
        List<Problem> problems = new ArrayList<>();
        List<QuestionEvent> events = new ArrayList<>();
        String correlationId = "rest-" + EventIds.newId();
        Optional<SceneSources.Source> source = sources.forSplit(split);
        for (QuestionEntry e : entries) {
            if (e.qid() != null && e.qid().length() > RequestLimits.MAX_QID_CHARS) {
                problems.add(new Problem(e.qid().substring(0, 40) + "…", "qid", "the qid is " + e.qid().length()
                        + " characters long; at most " + RequestLimits.MAX_QID_CHARS + " are accepted"));
                continue;
            }
            if (!e.valid()) {
                problems.add(new Problem(e.qid(), fieldOf(e.problem()), e.problem()));
                continue;
            }
            QuestionEvent q;
            try {
                q = GqaEvents.question(e.question(), split, correlationId);
            } catch (IllegalArgumentException bad) {
                problems.add(new Problem(e.qid(), fieldOf(bad.getMessage()), bad.getMessage()));
                continue;
            }
            if (q.question().length() > RequestLimits.MAX_QUESTION_CHARS) {
                problems.add(new Problem(q.qid(), "question", "the question is " + q.question().length()
                        + " characters long; at most " + RequestLimits.MAX_QUESTION_CHARS + " are accepted"));
                continue;
            }
            String range = dependencyOutOfRange(q);
            if (range != null) {
                problems.add(new Problem(q.qid(), range.substring(0, range.indexOf(' ')), range));
                continue;
            }
            if (!q.semantic().isEmpty()) {
                ProgramAbstraction.Result program = ProgramAbstraction.of(q);
                if (program.rejected()) {
                    problems.add(new Problem(q.qid(), "semantic", program.rejection()));
                    continue;
                }
            }
            if (source.isPresent() && !source.get().graphs().contains(q.imageId())) {
                problems.add(new Problem(q.qid(), "imageId", "unknown image " + q.imageId() + ": not in "
                        + source.get().graphFile() + " (scene graphs of split " + split + ")"));
                continue;
            }
            events.add(q);
        }
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest(problems.size() + " of " + entries.size()
                    + " questions are invalid; nothing was published", problems);
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (QuestionEvent q : events) {
            if (acks.size() >= config.importWindow()) {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
                acks.clear();
            }
            acks.add(KafkaEvents.send(out, q));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(messaging.publishTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw ProblemException.busy("the broker did not acknowledge the questions within "
                    + messaging.publishTimeout().toSeconds() + " s (some may have been published; posting them again "
                    + "is safe: consumers upsert by qid)", 10);
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("accepted", events.size());
        accepted.put("split", split);
        accepted.put("correlationId", correlationId);
        accepted.put("qids", events.stream().limit(1000).map(QuestionEvent::qid).toList());
        return Response.accepted(accepted).build();
    }

    /**
     * A dependency that names no step of the program (GQA programs refer to their own steps by index): the batch
     * build would reject the question at the program stage (MISSING_DEPENDENCY); a posted question gets a 400.
     */
    private static String dependencyOutOfRange(QuestionEvent q) {
        int n = q.semantic().size();
        for (int i = 0; i < n; i++) {
            for (int d : q.semantic().get(i).dependencies()) {
                if (d < 0 || d >= n) {
                    return "semantic[" + i + "].dependencies names step " + d + ", out of range: the program has "
                            + n + " steps (0.." + (n - 1) + ")";
                }
            }
        }
        return null;
    }

    /** Parses with rex-gqa's streaming reader, so REST questions follow exactly the rules of the batch build. */
    private static List<QuestionEntry> read(ObjectNode batch) {
        java.nio.file.Path tmp = null;
        try {
            tmp = Files.createTempFile("gqa-questions", ".json");
            JSON.writeValue(tmp.toFile(), batch);
            List<QuestionEntry> entries = new ArrayList<>();
            try (QuestionReader reader = new QuestionReader(tmp, true)) {
                reader.forEachRemaining(entries::add);
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) tmp.toFile().delete();
        }
    }

    private static final java.util.regex.Pattern FIELD =
            java.util.regex.Pattern.compile("field '([^']+)'|(semantic\\[\\d+\\][.\\w]*)");

    /** The field a reader problem names ({@code field 'imageId'}, {@code semantic[2].dependencies}), else "question". */
    private static String fieldOf(String problem) {
        java.util.regex.Matcher m = FIELD.matcher(problem == null ? "" : problem);
        if (!m.find()) return "question";
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
