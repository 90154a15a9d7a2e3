package dev.rex.preprocessing.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.preprocessing.config.PreprocessingConfig;
import dev.rex.preprocessing.gqa.SceneSources;
import dev.rex.preprocessing.messaging.Channels;
import dev.rex.preprocessing.persistence.ImportRepository;
import dev.rex.service.ConfinedPath.RefusedPathException;
import dev.rex.service.DataRoots;
import dev.rex.service.KafkaEvents;
import dev.rex.service.MessagingConfig;
import dev.rex.service.rest.ProblemException;
import dev.rex.service.rest.RequestLimits;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Bulk import of a GQA split: {@code POST /api/imports} with the paths of a question file, the split's scene-graph
 * file and a box directory (readable by the service) starts streaming the split into {@code rex.questions} and
 * answers 202 with the import's id; {@code GET /api/imports/{id}} shows its progress. Imports run one at a time in
 * request order (so a split's questions keep file order on the topic). An import is recorded in PostgreSQL before
 * the 202 and its progress every few seconds; imports a stop or crash interrupted are resumed at start-up from the
 * beginning of their file, under their id and correlation id (consumers upsert by qid, so nothing is duplicated).
 */
@ApplicationScoped
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ImportResource {
    private static final Logger LOG = Logger.getLogger(ImportResource.class);
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gqa-import");
        t.setDaemon(true);
        return t;
    });

    @Inject
    SceneSources sources;
    @Inject
    PreprocessingConfig config;
    @Inject
    MessagingConfig messaging;
    /** The import sends on the channel's producer directly (KafkaEvents.direct); the REST intake's emitter declares it. */
    @Inject
    KafkaClientService kafka;
    @Inject
    ImportRepository imports;
    @Inject
    ObjectMapper json;
    @Inject
    DataRoots roots;

    void resumeUnfinished(@Observes StartupEvent ev) {
        resumeUnfinished();
    }

    /** Re-runs every recorded import that had not finished; returns their ids. */
    public List<String> resumeUnfinished() {
        List<String> ids = new ArrayList<>();
        for (ImportRepository.Unfinished u : imports.unfinished()) {
            if (jobs.containsKey(u.id())) continue;
            LOG.infof("resuming import %s (%s, split %s) after its %d published questions", u.id(),
                    u.request().questions(), u.request().split(), u.published());
            submit(u.id(), u.request(), u.correlationId(), u.resumed() + 1, u.published());
            ids.add(u.id());
        }
        return ids;
    }

    private ImportJob submit(String id, ImportRequest request, String correlationId, int resumed, long published) {
        ImportJob job = new ImportJob(id, request, correlationId, resumed, published,
                () -> sources.register(request.split(), java.nio.file.Path.of(request.sceneGraphs()),
                        request.boxes() == null ? null : java.nio.file.Path.of(request.boxes())),
                new WindowedPublisher(KafkaEvents.direct(kafka, Channels.QUESTIONS_OUT), config.importWindow(),
                        messaging.publishTimeout()),
                status -> record(status, request));
        imports.save(job.status(), request);
        jobs.put(id, job);
        runner.submit(job);
        return job;
    }

    /** Progress is recorded best-effort: a database hiccup must not stop the import itself. */
    private void record(ImportJob.Status status, ImportRequest request) {
        try {
            imports.save(status, request);
        } catch (RuntimeException e) {
            LOG.warnf("could not record the progress of import %s: %s", status.id(), e.getMessage());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start streaming a GQA split from files under the data roots (rex.data.roots)")
    @APIResponse(responseCode = "202", description = "accepted: the import's status, and its location")
    @APIResponse(responseCode = "400", description = "a path outside the data roots or missing, or a bad split name")
    @APIResponse(responseCode = "503", description = "rex.preprocessing.max-queued-imports are waiting (Retry-After)")
    public Response start(@jakarta.validation.Valid ImportRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "the body must be a JSON object {questions, sceneGraphs, boxes, split}");
        }
        List<Map<String, String>> problems = new ArrayList<>();
        java.nio.file.Path questions = confined("questions", body.questions(), problems);
        java.nio.file.Path sceneGraphs = confined("sceneGraphs", body.sceneGraphs(), problems);
        java.nio.file.Path boxes = body.boxes() == null ? null : confined("boxes", body.boxes(), problems);
        if (questions != null && !Files.isRegularFile(questions)) {
            problems.add(problem("questions", "no file " + body.questions() + " (a GQA question file qid → question)"));
        }
        if (sceneGraphs != null && !Files.isRegularFile(sceneGraphs)) {
            problems.add(problem("sceneGraphs", "no file " + body.sceneGraphs() + " (the split's {split}_sceneGraphs.json)"));
        }
        if (boxes != null && !Files.isDirectory(boxes)) {
            problems.add(problem("boxes", "no directory " + body.boxes() + " (of <imageId>.npy, e.g. a feature store's boxes/)"));
        }
        String split = body.split() != null && !body.split().isBlank() ? body.split()
                : questions == null ? null : splitOf(questions);
        if (split == null) {
            problems.add(problem("split", "not given and not derivable from the file name ({split}_…json)"));
        } else {
            try {
                RequestLimits.checkName("split", split);
            } catch (ProblemException e) {
                problems.add(problem("split", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) throw ProblemException.badRequest("the import was not started", problems);
        long waiting = jobs.values().stream().filter(j -> ImportJob.QUEUED.equals(j.status().state())).count();
        if (waiting >= config.maxQueuedImports()) {
            throw ProblemException.busy(waiting + " imports are already queued (rex.preprocessing.max-queued-imports); "
                    + "try again once one has started (GET /api/imports)", 30);
        }
        ImportRequest request = new ImportRequest(questions.toString(), sceneGraphs.toString(),
                boxes == null ? null : boxes.toString(), split);
        String id = imports.newId();
        ImportJob job = submit(id, request, ImportJob.newCorrelationId(), 0, 0);
        return Response.accepted(job.status()).location(URI.create("/api/imports/" + id)).build();
    }

    /** The path inside the data roots, or null with the problem added (never opened when outside). */
    private java.nio.file.Path confined(String field, String value, List<Map<String, String>> problems) {
        try {
            return roots.resolve(field, value);
        } catch (RefusedPathException e) {
            problems.add(problem(field, e.reason()));
            return null;
        }
    }

    private static Map<String, String> problem(String field, String reason) {
        return Map.of("field", field, "reason", reason);
    }

    private static String splitOf(java.nio.file.Path questions) {
        String name = questions.getFileName().toString();
        int cut = name.indexOf('_');
        return cut > 0 ? name.substring(0, cut) : null;
    }

    @GET
    @Path("/{id}")
    public Response status(@PathParam("id") String id) {
        ImportJob job = jobs.get(id);
        if (job != null) return Response.ok(job.status()).build();
        return imports.statusJson(id).map(s -> Response.ok(s, MediaType.APPLICATION_JSON).build())
                .orElseThrow(() -> ProblemException.notFound("no import " + id));
    }

    /** Every recorded import, oldest first; those this process runs or ran show their live status. */
    @GET
    public List<JsonNode> all() throws java.io.IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String s : imports.allStatusJson()) {
            JsonNode recorded = json.readTree(s);
            ImportJob live = jobs.get(recorded.path("id").asText());
            out.add(live == null ? recorded : json.valueToTree(live.status()));
        }
        return out;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
