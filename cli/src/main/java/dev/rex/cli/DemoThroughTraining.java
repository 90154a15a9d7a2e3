package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.events.EventCodec;
import dev.rex.events.EventTypes;
import dev.rex.events.ModelEvent;
import dev.rex.events.Topics;
import dev.rex.events.TrainingProgressEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The demo's training through the running training service: the run is asked for over REST
 * ({@code POST /api/training-runs} with the stack's API key), followed on {@code rex.training.progress} (a progress
 * bar with ETA) and {@code rex.models} (the checkpoints the service announces), and read back from
 * {@code GET /api/training-runs/{id}} once the service says it is over. The CLI trains nothing itself.
 */
final class DemoThroughTraining {
    static final String MODEL_NAME = "rex-demo-tiny";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The run fails the demo when the service said nothing about it for this long (not a bound on training). */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(300);
    /** After the run's final status, how long its final event and last announcement may still take to arrive. */
    private static final Duration TAIL = Duration.ofSeconds(30);

    /** What the run's body asks for: the flags of {@code rex train}, paths on the service's (this) machine. */
    record Request(Path questions, Path data, Path features, String config, String mode, int epochs, int batch,
                   double lr, long seed) {
        Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("questions", questions.toString());
            b.put("data", data.toString());
            b.put("features", features.toString());
            b.put("config", config);
            b.put("mode", mode);
            b.put("epochs", epochs);
            b.put("batch", batch);
            b.put("lr", lr);
            b.put("seed", seed);
            b.put("modelName", MODEL_NAME);
            return b;
        }
    }

    /**
     * A finished run: its id, the service's view of it ({@code GET /api/training-runs/{id}}) and the announcement of
     * its best checkpoint, as read from {@code rex.models}.
     */
    record Trained(String runId, JsonNode run, ModelEvent model, double seconds) {
        int bestEpoch() {
            return run.path("bestEpoch").asInt();
        }

        /** The validation metrics of the best epoch, as the service stored them. */
        Map<String, Double> bestValMetrics() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (JsonNode e : run.path("epochMetrics")) {
                if (e.path("epoch").asInt() == bestEpoch()) {
                    e.path("valMetrics").fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asDouble()));
                }
            }
            return out;
        }
    }

    private DemoThroughTraining() {
    }

    /** Queues the run, follows it to its end and returns it; a FAILED or CANCELLED run throws with its message. */
    static Trained train(String trainingUrl, String apiKey, String bootstrap, Request request, PrintStream out,
                         Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI runs = URI.create(trainingUrl).resolve("/api/training-runs");
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            // the topics' ends are taken before the run exists: every event of it comes after
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.TRAINING_PROGRESS, Topics.MODELS)) {
                var found = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (found.isEmpty()) {
                    throw new IllegalStateException("the broker has no topic " + topic + " and does not create it"
                            + " on first use; see " + log);
                }
                found.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            long t0 = System.nanoTime();
            HttpResponse<String> posted = http.send(ApiKeyFile.authorize(HttpRequest.newBuilder(runs), apiKey)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request.body()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() != 202) {
                throw new IllegalStateException("the training service refused the demo's run: HTTP "
                        + posted.statusCode() + " " + posted.body() + "; see " + log);
            }
            String runId = JSON.readTree(posted.body()).path("id").asText();
            out.printf(Locale.ROOT, "      POST %s -> 202, training run %s (queued)%n", runs, runId);
            out.flush();
            URI self = runs.resolve("/api/training-runs/" + runId);

            Map<String, ModelEvent> announced = new LinkedHashMap<>();
            ProgressBar bar = null;
            JsonNode view = null;
            boolean ended = false;
            long lastNews = System.nanoTime();
            long lastGet = 0;
            long finalSince = 0;
            try {
                while (true) {
                    for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
                        if (rec.topic().equals(Topics.MODELS)) {
                            ModelEvent m = EventCodec.decode(EventTypes.MODEL, rec.value());
                            if (runId.equals(m.runId())) announced.put(m.version(), m);
                            continue;
                        }
                        TrainingProgressEvent p = EventCodec.decode(EventTypes.TRAINING_PROGRESS, rec.value());
                        if (!runId.equals(p.runId())) continue;
                        lastNews = System.nanoTime();
                        switch (p.phase()) {
                            case STARTED -> {
                                out.println("      " + p.message());
                                out.flush();
                                bar = new ProgressBar("training (service)", p.totalSteps());
                            }
                            case TRAINING, VALIDATING -> {
                                if (bar == null) bar = new ProgressBar("training (service)", p.totalSteps());
                                bar.total(p.totalSteps());
                                // the bar computes its own ETA over the whole run: the service's per-epoch one goes
                                bar.update(p.step(), p.message().replaceFirst(", ETA \\d+ s$", ""));
                            }
                            case FINISHED, FAILED -> ended = true;
                            default -> { }
                        }
                    }
                    if (System.nanoTime() - lastGet > 2_000_000_000L) { // the run's own word: a restart ends it too
                        lastGet = System.nanoTime();
                        view = get(http, self);
                        String status = view.path("status").asText();
                        if (isFinal(status) && finalSince == 0) finalSince = System.nanoTime();
                        String version = view.path("modelVersion").asText("");
                        boolean announcedBest = version.isEmpty() || announced.containsKey(version);
                        if (finalSince != 0 && ((ended && announcedBest)
                                || System.nanoTime() - finalSince > TAIL.toNanos())) {
                            break;
                        }
                        if (!isFinal(status) && System.nanoTime() - lastNews > STALL_TIMEOUT.toNanos()) {
                            throw new IllegalStateException("training run " + runId + " is " + status + " but no "
                                    + "progress event came for " + STALL_TIMEOUT.toSeconds() + " s; see " + log);
                        }
                    }
                }
            } finally {
                if (bar != null) bar.close();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String status = view.path("status").asText();
            if (!"SUCCEEDED".equals(status)) {
                throw new IllegalStateException("training run " + runId + " ended " + status + ": "
                        + view.path("message").asText() + "; see " + log);
            }
            String version = view.path("modelVersion").asText("");
            ModelEvent best = announced.get(version);
            if (best == null) {
                throw new IllegalStateException("training run " + runId + " names its best checkpoint " + version
                        + " but no announcement of it came on " + Topics.MODELS + " within " + TAIL.toSeconds()
                        + " s (announced: " + announced.keySet() + "); see " + log);
            }
            return new Trained(runId, view, best, seconds);
        }
    }

    private static boolean isFinal(String status) {
        return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
    }

    private static JsonNode get(HttpClient http, URI run) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(run).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + run + " answered HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // assigned, no group: nothing to commit
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
