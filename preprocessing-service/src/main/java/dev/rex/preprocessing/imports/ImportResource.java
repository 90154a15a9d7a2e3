package dev.rex.preprocessing.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.preprocessing.config.PreprocessingConfig;
import dev.rex.preprocessing.gqa.SceneSources;
import dev.rex.preprocessing.messaging.Channels;
import dev.rex.preprocessing.persistence.ImportRepository;
import dev.rex.preprocessing.rest.Problems;
import dev.rex.service.MessagingConfig;
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
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

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
    @Inject
    @Channel(Channels.QUESTIONS_OUT)
    Emitter<String> out;
    @Inject
    ImportRepository imports;
    @Inject
    ObjectMapper json;

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
                new WindowedPublisher(out, config.importWindow(), messaging.publishTimeout()),
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
    public Response start(ImportRequest body) {
        if (body == null) return Problems.badRequest("the body must be a JSON object {questions, sceneGraphs, boxes, split}");
        List<String> problems = new ArrayList<>();
        if (body.questions() == null || !Files.isRegularFile(java.nio.file.Path.of(body.questions()))) {
            problems.add("questions: no file " + body.questions() + " (a GQA question file qid → question)");
        }
        if (body.sceneGraphs() == null || !Files.isRegularFile(java.nio.file.Path.of(body.sceneGraphs()))) {
            problems.add("sceneGraphs: no file " + body.sceneGraphs() + " (the split's {split}_sceneGraphs.json)");
        }
        if (body.boxes() != null && !Files.isDirectory(java.nio.file.Path.of(body.boxes()))) {
            problems.add("boxes: no directory " + body.boxes() + " (of <imageId>.npy, e.g. a feature store's boxes/)");
        }
        String split = body.split() != null && !body.split().isBlank() ? body.split() : splitOf(body.questions());
        if (split == null) problems.add("split: not given and not derivable from the file name ({split}_…json)");
        if (!problems.isEmpty()) return Problems.badRequest("the import was not started", problems);
        ImportRequest request = new ImportRequest(body.questions(), body.sceneGraphs(), body.boxes(), split);
        String id = imports.newId();
        ImportJob job = submit(id, request, ImportJob.newCorrelationId(), 0, 0);
        return Response.accepted(job.status()).location(URI.create("/api/imports/" + id)).build();
    }

    private static String splitOf(String questions) {
        if (questions == null) return null;
        String name = java.nio.file.Path.of(questions).getFileName().toString();
        int cut = name.indexOf('_');
        return cut > 0 ? name.substring(0, cut) : null;
    }

    @GET
    @Path("/{id}")
    public Response status(@PathParam("id") String id) {
        ImportJob job = jobs.get(id);
        if (job != null) return Response.ok(job.status()).build();
        return imports.statusJson(id).map(s -> Response.ok(s, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Response.status(404).entity(Map.of("error", "no import " + id)).build());
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
