package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code rex dataset publish}: streams a GQA split into the running stack through the preprocessing service's bulk
 * import ({@code POST /api/imports}), then follows {@code GET /api/imports/{id}} with a progress bar. The files are
 * read by the service, so their paths must be valid where it runs (always true for {@code rex up}).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Stream a GQA split into the running services and follow its progress.",
                "Stream a GQA split into the running services (preprocessing → explanation) and follow its "
                + "progress; the explanations land in the explanation service's database ('rex dataset export "
                + "--from-db')."})
public final class DatasetPublishCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--questions", required = true, paramLabel = "FILE",
            description = "GQA question file, e.g. val_balanced_questions.json")
    Path questions;

    @Option(names = "--scene-graphs", required = true, paramLabel = "FILE",
            description = "the split's scene graphs, e.g. val_sceneGraphs.json")
    Path sceneGraphs;

    @Option(names = "--boxes", paramLabel = "DIR",
            description = "directory of <imageId>.npy boxes (float32 [36,4]), e.g. a feature store's boxes/")
    Path boxes;

    @Option(names = "--split", paramLabel = "NAME",
            description = "split name (default: the question file's name up to its first '_')")
    String split;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8081",
            description = "the preprocessing service (default: http://localhost:8081, as 'rex up' runs it)")
    URI url;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(questions)) throw new IllegalArgumentException("no file " + questions + " (--questions)");
        if (!Files.isRegularFile(sceneGraphs)) {
            throw new IllegalArgumentException("no file " + sceneGraphs + " (--scene-graphs)");
        }
        if (boxes != null && !Files.isDirectory(boxes)) throw new IllegalArgumentException("no directory " + boxes + " (--boxes)");
        ObjectNode body = JSON.createObjectNode();
        body.put("questions", questions.toAbsolutePath().toString());
        body.put("sceneGraphs", sceneGraphs.toAbsolutePath().toString());
        if (boxes != null) body.put("boxes", boxes.toAbsolutePath().toString());
        if (split != null) body.put("split", split);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> started = send(http, HttpRequest.newBuilder(url.resolve("/api/imports"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
        if (started.statusCode() != 202) {
            throw new IllegalArgumentException("the preprocessing service refused the import (HTTP "
                    + started.statusCode() + "): " + started.body());
        }
        String id = JSON.readTree(started.body()).path("id").asText();
        JsonNode status;
        try (ProgressBar bar = new ProgressBar("publish " + id, 100)) {
            while (true) {
                status = JSON.readTree(send(http, HttpRequest.newBuilder(url.resolve("/api/imports/" + id)).build()).body());
                long size = status.path("fileSize").asLong();
                long done = size == 0 ? 0 : status.path("bytesRead").asLong() * 100 / size;
                bar.update(done, status.path("state").asText() + " " + status.path("published").asLong() + " questions");
                String state = status.path("state").asText();
                if (state.equals("DONE") || state.equals("FAILED")) break;
                Thread.sleep(500);
            }
        }
        if (status.path("state").asText().equals("FAILED")) {
            System.err.println("import " + id + " failed: " + status.path("error").asText());
            return 1;
        }
        System.out.printf("import %s: %d questions published to rex.questions (split %s), %d invalid%s%n", id,
                status.path("published").asLong(), status.path("split").asText(), status.path("invalid").asLong(),
                status.path("invalid").asLong() == 0 ? "" : ": " + status.path("problems"));
        return 0;
    }

    private HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalArgumentException("no preprocessing service answers at " + url
                    + ": start the stack with 'rex up' or give --url");
        }
    }
}
