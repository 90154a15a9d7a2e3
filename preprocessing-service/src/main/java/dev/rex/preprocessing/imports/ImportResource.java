package dev.rex.preprocessing.imports;

import dev.rex.preprocessing.config.PreprocessingConfig;
import dev.rex.preprocessing.gqa.SceneSources;
import dev.rex.preprocessing.messaging.Channels;
import dev.rex.preprocessing.rest.Problems;
import dev.rex.service.MessagingConfig;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bulk import of a GQA split: {@code POST /api/imports} with the paths of a question file, the split's scene-graph
 * file and a box directory (readable by the service) starts streaming the split into {@code rex.questions} and
 * answers 202 with the import's id; {@code GET /api/imports/{id}} shows its progress. Imports run one at a time in
 * request order (so a split's questions keep file order on the topic). Import state is in memory.
 */
@ApplicationScoped
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ImportResource {
    private final AtomicLong ids = new AtomicLong();
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
        String id = "import-" + ids.incrementAndGet();
        ImportJob job = new ImportJob(id, request,
                () -> sources.register(split, java.nio.file.Path.of(request.sceneGraphs()),
                        request.boxes() == null ? null : java.nio.file.Path.of(request.boxes())),
                new WindowedPublisher(out, config.importWindow(), messaging.publishTimeout()));
        jobs.put(id, job);
        runner.submit(job);
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
        if (job == null) {
            return Response.status(404).entity(Map.of("error", "no import " + id + " (imports are kept in memory "
                    + "until the service restarts)")).build();
        }
        return Response.ok(job.status()).build();
    }

    @GET
    public List<ImportJob.Status> all() {
        return jobs.values().stream().map(ImportJob::status).sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
