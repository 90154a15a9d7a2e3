package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.events.Topics;
import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The demo's answers through the running inference service: once the training service has announced the run's best
 * checkpoint on {@code rex.models}, the service is awaited until {@code GET /api/models/current} names it, the
 * questions are streamed to {@code rex.inference.requests} and the predictions collected from
 * {@code rex.predictions} by qid.
 * <p>
 * The requests go to the topic directly, not through the preprocessing service: its route to inference starts at
 * {@code rex.questions}, so re-ingesting the val split would also re-explain every question and overwrite its stored
 * row. (The demo's import through the preprocessing service did route the val questions to inference, before any
 * model existed: those requests were answered {@code NO_MODEL}, and are told apart here by their correlation id and
 * status.)
 */
final class DemoThroughInference {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SERVING_TIMEOUT = Duration.ofSeconds(180);
    /** The collection fails when no new prediction arrived for this long (not a bound on the whole stream). */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(120);

    /** The streamed predictions (first one per qid, of the announced model) and the stream's duration. */
    record Streamed(Map<String, PredictionEvent> predictions, int requested, double seconds) {
        double perSecond() {
            return seconds <= 0 ? 0 : predictions.size() / seconds;
        }
    }

    private DemoThroughInference() {
    }

    /** Polls the inference service until it serves {@code version}; fails with the service's own reason. */
    static double awaitServing(String inferenceUrl, String version, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI current = URI.create(inferenceUrl).resolve("/api/models/current");
        long t0 = System.nanoTime();
        long deadline = t0 + SERVING_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(current).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(r.body());
                if (r.statusCode() == 200 && version.equals(body.path("version").asText())) {
                    return (System.nanoTime() - t0) / 1e9;
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
                JsonNode skipped = body.path("skipped");
                for (var it = skipped.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (e.getKey().contains("/" + version + "/")) {
                        throw new IllegalStateException("the inference service refused the demo's model: "
                                + e.getValue().asText() + "; see " + log);
                    }
                }
            } catch (ConnectException e) {
                last = "not reachable: " + e;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the inference service did not serve model " + version + " within "
                + SERVING_TIMEOUT.toSeconds() + " s (last answer of " + current + ": " + last + "); see " + log);
    }

    /** Every valid question of a split's file: the set the evaluation service expects a prediction for. */
    static List<InferenceRequestEvent> requests(Path questionsFile, String split, String runId, String version)
            throws IOException {
        return requests(questionsFile, qid -> true, split, runId, version);
    }

    /** The valid questions of a split whose qid is among {@code qids}. */
    static List<InferenceRequestEvent> requests(Path questionsFile, Set<String> qids, String split, String runId,
                                                String version) throws IOException {
        return requests(questionsFile, qids::contains, split, runId, version);
    }

    private static List<InferenceRequestEvent> requests(Path questionsFile, Predicate<String> chosen, String split,
                                                        String runId, String version) throws IOException {
        List<InferenceRequestEvent> out = new ArrayList<>();
        try (QuestionReader reader = new QuestionReader(questionsFile, true)) {
            while (reader.hasNext()) {
                QuestionEntry e = reader.next();
                if (!e.valid() || !chosen.test(e.qid())) continue;
                out.add(new InferenceRequestEvent(EventIds.newId(), runId, EventTypes.INFERENCE_REQUEST.currentVersion(),
                        e.qid(), e.question().imageId(), e.question().question(), split, version));
            }
        }
        return out;
    }

    /**
     * Streams the requests and collects their predictions. The predictions topic is read from its current end
     * (positions taken before the first request is sent), and only predictions of this stream (correlation id) by
     * the announced model count; a NO_MODEL answer means the service lost its model and fails the demo.
     */
    static Streamed stream(String bootstrap, List<InferenceRequestEvent> requests, String version, Path log)
            throws Exception {
        Map<String, PredictionEvent> got = new LinkedHashMap<>();
        String correlation = requests.isEmpty() ? "" : requests.get(0).correlationId();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap);
             KafkaProducer<String, String> producer = producer(bootstrap);
             ProgressBar bar = new ProgressBar("predictions", requests.size())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PREDICTIONS, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("the broker has no topic " + Topics.PREDICTIONS + " (the inference "
                        + "service creates it when it starts): see " + log);
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end now, before anything is sent
            long t0 = System.nanoTime();
            for (InferenceRequestEvent r : requests) {
                producer.send(new ProducerRecord<>(Topics.INFERENCE_REQUESTS, r.key(), EventCodec.encode(r)));
            }
            producer.flush();
            long lastArrival = System.nanoTime();
            long tEnd = t0;
            while (got.size() < requests.size()) {
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
                    PredictionEvent p = EventCodec.decode(EventTypes.PREDICTION, rec.value());
                    if (!correlation.equals(p.correlationId()) || got.containsKey(p.qid())) continue;
                    if (p.status() != PredictionEvent.Status.PREDICTED) {
                        throw new IllegalStateException("the inference service answered " + p.status() + " for "
                                + p.qid() + " after serving " + version + "; see " + log);
                    }
                    if (!version.equals(p.modelVersion())) continue; // another model's answer (not expected)
                    got.put(p.qid(), p);
                    lastArrival = tEnd = System.nanoTime();
                }
                bar.update(got.size(), "from rex.predictions");
                if (System.nanoTime() - lastArrival > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("received " + got.size() + " of " + requests.size()
                            + " predictions, then none for " + STALL_TIMEOUT.toSeconds() + " s; see " + log
                            + " and the dead-letter topic " + Topics.INFERENCE_REQUESTS_DLQ);
                }
            }
            return new Streamed(got, requests.size(), (tEnd - t0) / 1e9);
        }
    }

    /** The explanation as the metrics read it: tokens joined by spaces ("" when the model wrote none). */
    static String explanation(PredictionEvent p) {
        return String.join(" ", p.explanation());
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // assigned, no group: nothing to commit
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // the inference replicas publish in transactions
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

}
