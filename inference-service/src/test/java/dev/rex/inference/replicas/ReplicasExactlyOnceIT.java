package dev.rex.inference.replicas;

import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ModelEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.gqa.features.FeatureStoreWriter;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.infer.UntrainedCheckpoint;
import dev.rex.testing.PostgresEndpoint;
import dev.rex.testing.SharedInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of the packaged service (separate JVMs) in one consumer group over the real broker and database:
 * 2,000 requests streamed, one replica SIGKILLed while it answers and started again under the same replica id.
 * Afterwards every request has exactly one prediction a {@code read_committed} consumer sees and exactly one row.
 */
class ReplicasExactlyOnceIT {
    static final int REQUESTS = 2000;
    static final List<String> IMAGES = List.of("img-a", "img-b", "img-c");

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // a hang guard: about 2 minutes on an idle 2-core machine
    void everyRequestIsAnsweredExactlyOnceAcrossAKilledAndRestartedReplica() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path work = Path.of("target/it-replicas-" + run).toAbsolutePath();
        Path models = work.resolve("models");
        Path features = work.resolve("features");
        writeFeatures(features);
        Path ckpt = models.resolve("tiny");
        UntrainedCheckpoint.write(ckpt, "tiny", List.of(
                new UntrainedCheckpoint.Example("What color is the shirt?", "red", "the shirt #3 is red"),
                new UntrainedCheckpoint.Example("Is the cup on the table?", "yes", "the cup #7 is on the table #12")), 1);

        String bootstrap = SharedInfra.kafkaBootstrapServers();
        PostgresEndpoint db = SharedInfra.postgres("rex_inference_it_" + run);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(EventTypes.INFERENCE_REQUEST.topic(), 4, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) throw e;
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("REX_MODELS_DIR", models.toString());
        env.put("REX_FEATURES_DIR", features.toString());
        env.put("REX_INFERENCE_MODEL_NAMES", "rex-it");
        env.put("REX_INFERENCE_WORKERS", "2");
        env.put("REX_INFERENCE_PARTITIONS", "4");
        env.put("REX_INFERENCE_MODEL_POLL_INTERVAL", "1s");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "linger.ms", "5"), new StringSerializer(), new StringSerializer());
             ReplicaProcess r1 = new ReplicaProcess("r1", env, work);
             ReplicaProcess r2 = new ReplicaProcess("r2", env, work)) {
            ModelEvent model = new ModelEvent(EventIds.newId(), "corr-" + run, 1, "rex-it", "it-" + run, "run-it",
                    ckpt.toString(), RexCheckpoint.weightsSha256(ckpt), Map.of("preset", "tiny"), Map.of(),
                    Instant.now().toString());
            producer.send(new ProducerRecord<>(EventTypes.MODEL.topic(), model.key(), EventCodec.encode(model))).get();
            r1.start();
            r2.start();
            r1.awaitReady(Duration.ofSeconds(300));
            r2.awaitReady(Duration.ofSeconds(300));

            long t0 = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                String qid = run + "-" + i;
                InferenceRequestEvent r = new InferenceRequestEvent(EventIds.newId(), "corr-" + run, 1, qid,
                        IMAGES.get(i % IMAGES.size()), i % 2 == 0 ? "What color is the shirt?" : "Is the cup on the table?",
                        "stream", null, Instant.now().toString());
                producer.send(new ProducerRecord<>(EventTypes.INFERENCE_REQUEST.topic(), qid, EventCodec.encode(r)));
            }
            producer.flush();
            // kill r1 while it answers: once some rows are stored and while most requests are still open
            long stored = awaitRows(db, run, REQUESTS / 5, Duration.ofSeconds(120));
            r1.kill();
            long atKill = rows(db, run);
            System.out.printf("[replicas] r1 SIGKILLed with %d of %d requests stored (%d when the kill was decided)%n",
                    atKill, REQUESTS, stored);
            r1.start(); // same replica id: its transactional producers fence and abort what the dead process left open
            r1.awaitReady(Duration.ofSeconds(300));

            List<ConsumerRecord<String, String>> committed = CommittedPredictions.read(bootstrap,
                    EventTypes.PREDICTION.topic(), "read_committed", k -> k != null && k.startsWith(run + "-"),
                    seen -> seen.stream().map(ConsumerRecord::key).distinct().count() >= REQUESTS,
                    Duration.ofSeconds(180));
            double seconds = (System.nanoTime() - t0) / 1e9;
            // a little longer: a duplicate arriving late would show here
            committed = CommittedPredictions.read(bootstrap, EventTypes.PREDICTION.topic(), "read_committed",
                    k -> k != null && k.startsWith(run + "-"), seen -> false, Duration.ofSeconds(3));
            List<ConsumerRecord<String, String>> everything = CommittedPredictions.read(bootstrap,
                    EventTypes.PREDICTION.topic(), "read_uncommitted", k -> k != null && k.startsWith(run + "-"),
                    seen -> false, Duration.ofSeconds(3));
            List<ConsumerRecord<String, String>> dead = CommittedPredictions.read(bootstrap,
                    EventTypes.INFERENCE_REQUEST.dlqTopic(), "read_committed", k -> k != null && k.startsWith(run + "-"),
                    seen -> false, Duration.ofSeconds(2));

            Map<String, Integer> perQid = new HashMap<>();
            Map<String, Integer> byReplicaBatch = new HashMap<>();
            for (ConsumerRecord<String, String> rec : committed) {
                perQid.merge(rec.key(), 1, Integer::sum);
                PredictionEvent p = EventCodec.decode(EventTypes.PREDICTION, rec.value());
                assertEquals(PredictionEvent.Status.PREDICTED, p.status(), p.toString());
                assertEquals(model.version(), p.modelVersion());
                byReplicaBatch.merge("batch " + p.batchSize(), 1, Integer::sum);
            }
            long answeredOnce = perQid.values().stream().filter(n -> n == 1).count();
            long duplicated = perQid.values().stream().filter(n -> n > 1).count();
            long missing = REQUESTS - perQid.size();
            long[] counts = dbCounts(db, run);
            System.out.printf("[replicas] %d requests in %.1f s: committed predictions %d (distinct qids %d, answered "
                            + "once %d, duplicated %d, missing %d); records incl. aborted %d; dead letters %d; rows %d "
                            + "(distinct qids %d), deliveries %d (redelivered after the kill: %d); batch sizes %s%n",
                    REQUESTS, seconds, committed.size(), perQid.size(), answeredOnce, duplicated, missing,
                    everything.size(), dead.size(), counts[0], counts[1], counts[2], counts[2] - counts[0], byReplicaBatch);
            assertEquals(0, missing, "requests without a committed prediction");
            assertEquals(0, duplicated, "requests with more than one committed prediction");
            assertEquals(REQUESTS, committed.size());
            assertEquals(0, dead.size(), "no request was dead-lettered");
            assertEquals(REQUESTS, counts[0], "one row per request");
            assertEquals(REQUESTS, counts[1], "one row per request");
            assertTrue(r2.tail().contains("partitions"), "r2 took part:\n" + r2.tail());
        }
        // the work folder stays under target/ (the replicas' logs are in it)
    }

    private static long awaitRows(PostgresEndpoint db, String run, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long n = rows(db, run);
            if (n >= atLeast) return n;
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + atLeast + " rows within " + timeout);
    }

    private static long rows(PostgresEndpoint db, String run) throws Exception {
        return dbCounts(db, run)[0];
    }

    /** {rows, distinct qids, sum of deliveries} of this run's requests. */
    private static long[] dbCounts(PostgresEndpoint db, String run) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT qid), coalesce(sum(deliveries), 0) "
                     + "FROM inference.predictions WHERE qid LIKE '" + run + "-%'")) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        } catch (java.sql.SQLException e) {
            if (e.getMessage().contains("does not exist")) return new long[]{0, 0, 0}; // before Flyway ran
            throw e;
        }
    }

    private static void writeFeatures(Path dir) throws Exception {
        try (FeatureStoreWriter w = new FeatureStoreWriter(dir)) {
            for (String image : IMAGES) {
                Random rnd = new Random(image.hashCode());
                float[] f = new float[36 * 2048];
                for (int i = 0; i < f.length; i++) f[i] = rnd.nextFloat();
                float[] b = new float[36 * 4];
                for (int k = 0; k < 36; k++) {
                    b[4 * k] = 10 * k;
                    b[4 * k + 1] = 2 * k;
                    b[4 * k + 2] = 10 * k + 5;
                    b[4 * k + 3] = 2 * k + 7;
                }
                w.writeArrays(image, b, f);
            }
        }
    }

}
