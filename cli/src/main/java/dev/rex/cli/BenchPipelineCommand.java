package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ModelEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.gqa.features.FeatureStoreWriter;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;
import dev.rex.model.infer.Question;
import dev.rex.model.infer.QuestionAnswerer;
import dev.rex.model.infer.UntrainedCheckpoint;
import dev.rex.model.train.TorchThreads;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code rex bench pipeline}: questions/s and end-to-end latency of the inference service as deployed — requests on
 * {@code rex.inference.requests}, micro-batched answers, transactions, rows, predictions read back as a
 * {@code read_committed} consumer — against a running stack, with the pure-model figure of {@code rex bench
 * inference} (same checkpoint, batch and workers, in this process) beside it, and the exactly-once counts.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Measure the inference service's throughput and end-to-end latency on a running stack.",
                "On ./rex up [--replicas inference=N], p50/p95/p99: an untrained checkpoint of each size is announced as model "
                + "rex-bench, N synthetic questions are streamed to rex.inference.requests and their predictions read "
                + "back from rex.predictions (read_committed). Prints per replica, the pure-model figure of 'rex bench "
                + "inference' at the same batch and workers, and the counts sent / answered once / duplicated / missing."})
public final class BenchPipelineCommand implements Callable<Integer> {
    private static final String MODEL_NAME = "rex-bench";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the stack's Kafka (the 'kafka' line 'rex up' prints; default: $KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrap;

    @Option(names = "--replicas", split = ",", defaultValue = "http://localhost:8084", paramLabel = "URL",
            description = "the inference replicas' URLs (default: ${DEFAULT-VALUE}; 'rex up --replicas inference=2' "
                    + "also runs http://localhost:8094)")
    List<String> replicas;

    @Option(names = "--sizes", split = ",", defaultValue = "tiny,small", description = "presets (default: ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--questions", defaultValue = "20000", description = "questions per size (default: ${DEFAULT-VALUE})")
    int questions;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "the service's models dir, where the checkpoints "
            + "are written (default: $REX_MODELS_DIR, else .rex/models of the repository, as 'rex up' sets it)")
    Path modelsDir;

    @Option(names = "--features-dir", paramLabel = "DIR", description = "the service's features dir, where the "
            + "synthetic images are written (default: $REX_FEATURES_DIR, else .rex/features, as 'rex up' sets it)")
    Path featuresDir;

    @Option(names = "--batch", defaultValue = "16",
            description = "the service's rex.inference.max-batch, for the pure-model figure (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--workers", defaultValue = "2",
            description = "the service's rex.inference.workers per replica, for the pure-model figure (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "how long the predictions of one size may take (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (bootstrap == null) bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("--bootstrap is required: give the Kafka address 'rex up' printed "
                    + "(or set KAFKA_BOOTSTRAP_SERVERS)");
        }
        if (questions < 1) throw new IllegalArgumentException("--questions must be at least 1");
        if (batch < 1 || workers < 1) throw new IllegalArgumentException("--batch and --workers must be at least 1");
        if (timeoutSeconds < 1) throw new IllegalArgumentException("--timeout must be a positive number of seconds");
        Path root = UpCommand.repositoryRoot();
        Path models = (modelsDir != null ? modelsDir : dir("REX_MODELS_DIR", root.resolve(".rex/models"))).toAbsolutePath();
        Path features = (featuresDir != null ? featuresDir : dir("REX_FEATURES_DIR", root.resolve(".rex/features")))
                .toAbsolutePath();
        List<Question> pool = BenchInferenceCommand.questions(64);
        List<String> images = writeImages(features, pool);
        System.out.printf(Locale.ROOT, "%d questions per size through %d replica(s) %s; features %s, models %s%n",
                questions, replicas.size(), replicas, features, models);
        for (String size : sizes) {
            String stamp = size + "-" + UUID.randomUUID().toString().substring(0, 8);
            Path ckpt = models.resolve("bench-" + stamp);
            UntrainedCheckpoint.write(ckpt, size, BenchInferenceCommand.examples(), 1);
            ModelEvent m = new ModelEvent(EventIds.newId(), "bench-" + stamp, EventTypes.MODEL.currentVersion(),
                    MODEL_NAME, "bench-" + stamp, "bench", ckpt.toString(), RexCheckpoint.weightsSha256(ckpt),
                    Map.of("preset", size), Map.of(), Instant.now().toString());
            send(EventTypes.MODEL.topic(), m.key(), EventCodec.encode(m));
            for (String url : replicas) awaitServing(url, m.version());
            stream(size, m.version(), images, Math.min(questions, 500), false); // warm-up: kernels, caches, batches
            Map<String, double[]> before = replicaCounters();
            Result r = stream(size, m.version(), images, questions, true);
            Map<String, double[]> after = replicaCounters();
            double pure;
            try (RexModel model = RexCheckpoint.load(ckpt)) {
                TorchThreads.set(1);
                List<Question> purePool = BenchInferenceCommand.questions(Math.max(512, batch * 32));
                // warmed up as the service was: the first batches load kernels and allocate
                BenchInferenceCommand.measure(model, purePool, batch, workers);
                pure = BenchInferenceCommand.measure(model, purePool, batch, workers)[0];
            }
            print(size, r, before, after, pure);
        }
        return 0;
    }

    private record Result(int sent, int once, int duplicated, int missing, double seconds, double[] latencyMs) {
    }

    private Result stream(String size, String version, List<String> images, int n, boolean report) throws Exception {
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Integer> seen = new HashMap<>();
        List<Double> latencies = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "enable.auto.commit", "false", "isolation.level", "read_committed"), new StringDeserializer(),
                new StringDeserializer());
             KafkaProducer<String, String> producer = producer();
             ProgressBar bar = new ProgressBar(report ? size + " predictions" : size + " warm-up", n)) {
            ensureTopic(EventTypes.PREDICTION.topic()); // a fresh stack has none before its first prediction
            List<TopicPartition> parts = consumer.partitionsFor(EventTypes.PREDICTION.topic(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String qid = run + "-" + i;
                InferenceRequestEvent r = new InferenceRequestEvent(EventIds.newId(), run,
                        EventTypes.INFERENCE_REQUEST.currentVersion(), qid, images.get(i % images.size()),
                        BenchInferenceCommand.QUESTIONS[i % BenchInferenceCommand.QUESTIONS.length], "bench", version,
                        Instant.now().toString());
                producer.send(new ProducerRecord<>(EventTypes.INFERENCE_REQUEST.topic(), qid, EventCodec.encode(r)));
            }
            producer.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long last = t0;
            while (seen.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
                    if (rec.key() == null || !rec.key().startsWith(run + "-")) continue;
                    PredictionEvent p = EventCodec.decode(EventTypes.PREDICTION, rec.value());
                    if (seen.merge(rec.key(), 1, Integer::sum) == 1) {
                        last = System.nanoTime();
                        latencies.add((double) Duration.between(Instant.parse(p.requestedAt()), Instant.now()).toMillis());
                    }
                }
                bar.update(seen.size(), "from rex.predictions (read_committed)");
            }
            // a short while longer: a duplicate arriving late counts
            long quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < quiet) {
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
                    if (rec.key() != null && rec.key().startsWith(run + "-")) seen.merge(rec.key(), 1, Integer::sum);
                }
            }
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int once = (int) seen.values().stream().filter(c -> c == 1).count();
            int dup = (int) seen.values().stream().filter(c -> c > 1).count();
            return new Result(n, once, dup, n - seen.size(), (last - t0) / 1e9, sorted);
        }
    }

    private void print(String size, Result r, Map<String, double[]> before, Map<String, double[]> after, double pure) {
        double rate = r.seconds() <= 0 ? 0 : (r.once() + r.duplicated()) / r.seconds();
        System.out.printf(Locale.ROOT, "%-6s %d replica(s): %,.1f questions/s end to end (%,d in %.1f s); latency ms "
                        + "p50 %.0f  p95 %.0f  p99 %.0f%n", size, replicas.size(), rate, r.once() + r.duplicated(),
                r.seconds(), pct(r.latencyMs(), 50), pct(r.latencyMs(), 95), pct(r.latencyMs(), 99));
        for (String url : replicas) {
            double[] b = before.getOrDefault(url, new double[3]);
            double[] a = after.getOrDefault(url, new double[3]);
            double answered = a[0] - b[0];
            double passes = a[1] - b[1];
            System.out.printf(Locale.ROOT, "         replica %-24s answered %,8.0f  forward passes %,7.0f  mean batch %.1f%n",
                    url, answered, passes, passes == 0 ? 0 : (a[2] - b[2]) / passes);
        }
        double pureAll = pure * replicas.size();
        System.out.printf(Locale.ROOT, "         rex bench inference, batch %d, %d worker(s): %,.1f questions/s per "
                        + "process (x%d replicas = %,.1f); the service reaches %.0f %% of it%n", batch, workers, pure,
                replicas.size(), pureAll, pureAll == 0 ? 0 : 100 * rate / pureAll);
        int cores = Runtime.getRuntime().availableProcessors();
        if (replicas.size() > 1 && replicas.size() * workers > cores) {
            // the pure figure was measured by one process owning every core; N replicas share those same cores here
            System.out.printf(Locale.ROOT, "         note: %d replicas x %d workers = %d busy threads on %d cores: the "
                    + "x%d figure holds only with a core per worker (replicas on separate machines)%n", replicas.size(),
                    workers, replicas.size() * workers, cores, replicas.size());
        }
        System.out.printf(Locale.ROOT, "         sent %,d  answered once %,d  duplicated %d  missing %d%n", r.sent(),
                r.once(), r.duplicated(), r.missing());
    }

    private void ensureTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
    }

    private static double pct(double[] sorted, int p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Per replica URL: {processed requests, forward passes, questions in forward passes} from /q/metrics. */
    private Map<String, double[]> replicaCounters() {
        Map<String, double[]> out = new LinkedHashMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String url : replicas) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(url).resolve("/q/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                out.put(url, new double[]{
                        sum(body, "rex_events_total{outcome=\"processed\",topic=\"rex.inference.requests\"}"),
                        sum(body, "rex_inference_batch_size_count"), sum(body, "rex_inference_batch_size_sum")});
            } catch (Exception e) {
                System.err.println("rex bench pipeline: no metrics from " + url + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static double sum(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void awaitServing(String url, String version) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url).resolve("/api/models/current"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = EventCodec.mapper().readTree(r.body());
                if (version.equals(body.path("version").asText())) return;
                last = r.body();
                if (last.contains("/" + version + "/")) {
                    throw new IllegalStateException(url + " refused the bench model: " + body.path("skipped")
                            + " (is " + MODEL_NAME + " in rex.inference.model-names, and --models-dir its models dir?)");
                }
            } catch (java.net.ConnectException e) {
                last = "not reachable: " + e.getMessage();
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(url + " did not serve " + version + " within 120 s: " + last);
    }

    /** Synthetic region features of the bench questions, one image per question of the pool. */
    private static List<String> writeImages(Path features, List<Question> pool) throws Exception {
        List<String> ids = new ArrayList<>();
        try (FeatureStoreWriter w = new FeatureStoreWriter(features)) {
            for (int i = 0; i < pool.size(); i++) {
                String id = "bench-img-" + i;
                w.writeArrays(id, pool.get(i).boxes(), pool.get(i).features());
                ids.add(id);
            }
        }
        return ids;
    }

    private static Path dir(String env, Path fallback) {
        String v = System.getenv(env);
        return v == null || v.isBlank() ? fallback : Path.of(v);
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", "5"),
                new StringSerializer(), new StringSerializer());
    }

    private void send(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> p = producer()) {
            p.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

}
