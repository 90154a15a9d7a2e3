package dev.rex.cli;

import dev.rex.embedded.EmbeddedKafka;
import dev.rex.events.Box;
import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.events.Topics;
import dev.rex.gqa.synth.SynthWorld;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's side of the inference service: the announcement, the requests, and collecting the stream. */
class DemoThroughInferenceTest {

    @Test
    void requestsAreTheChosenValidQuestionsOfTheSplit(@TempDir Path tmp) throws Exception {
        Path world = tmp.resolve("world");
        SynthWorld.generate(new SynthWorld.Options(4, 3, 7, world, true), (d, t) -> { });
        Path file = world.resolve("questions/val_balanced_questions.json");
        List<InferenceRequestEvent> all = DemoThroughInference.requests(file, Set.of(), "val", "run", "v");
        assertTrue(all.isEmpty(), "no qid chosen, no request");
        String text = Files.readString(file);
        String first = text.substring(text.indexOf('"') + 1, text.indexOf('"', text.indexOf('"') + 1));
        List<InferenceRequestEvent> one = DemoThroughInference.requests(file, Set.of(first, "no-such-qid"), "val",
                "run-9", "v-3");
        assertEquals(1, one.size());
        InferenceRequestEvent r = one.get(0);
        assertEquals(first, r.qid());
        assertEquals("run-9", r.correlationId());
        assertEquals("val", r.split());
        assertEquals("v-3", r.modelVersion());
        assertFalse(r.question().isBlank());
        assertFalse(r.imageId().isBlank());

        // the demo asks for every valid question of the split: what the evaluation service expects predictions for
        List<InferenceRequestEvent> every = DemoThroughInference.requests(file, "val", "run-9", "v-3");
        long valid = 0;
        try (dev.rex.gqa.io.QuestionReader reader = new dev.rex.gqa.io.QuestionReader(file, true)) {
            while (reader.hasNext()) if (reader.next().valid()) valid++;
        }
        assertTrue(valid > 1, "the world's val split has questions");
        assertEquals(valid, every.size());
        assertTrue(every.stream().anyMatch(q -> q.qid().equals(first)));
    }

    @Test
    void explanationTokensAreJoinedBySpaces() {
        assertEquals("#3 is on #7", DemoThroughInference.explanation(prediction("q", "c", "v",
                PredictionEvent.Status.PREDICTED, List.of("#3", "is", "on", "#7"))));
        assertEquals("", DemoThroughInference.explanation(prediction("q", "c", "v",
                PredictionEvent.Status.PREDICTED, List.of())));
    }

    /**
     * A stand-in for the inference service on a real broker: an old NO_MODEL answer already on the topic, answers
     * of another stream and of another model are not counted; every request's own answer is; a NO_MODEL answer to
     * the stream fails it with a clear message.
     */
    @Test
    void collectsOnlyThisStreamsPredictionsByQid(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
             KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            String bootstrap = kafka.bootstrapServers();
            // before the stream: what the import of step 3 left there
            send(producer, prediction("q1", "import", null, PredictionEvent.Status.NO_MODEL, List.of()));
            producer.flush();

            AtomicBoolean noModel = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            Thread responder = new Thread(() -> respond(bootstrap, noModel, stop), "fake-inference");
            responder.start();
            try {
                List<InferenceRequestEvent> requests = new ArrayList<>();
                for (String q : List.of("q1", "q2", "q3")) {
                    requests.add(new InferenceRequestEvent(EventIds.newId(), "stream-1", 1, q, "img-" + q,
                            "what is " + q + "?", "val", "v-1"));
                }
                DemoThroughInference.Streamed s = DemoThroughInference.stream(bootstrap, requests, "v-1",
                        tmp.resolve("inference.log"));
                assertEquals(Set.of("q1", "q2", "q3"), s.predictions().keySet());
                s.predictions().forEach((qid, p) -> {
                    assertEquals("answer-" + qid, p.answer());
                    assertEquals("v-1", p.modelVersion());
                    assertEquals("#0 is red", DemoThroughInference.explanation(p), "the stream's own answer");
                });
                assertEquals(3, s.requested());

                noModel.set(true);
                List<InferenceRequestEvent> again = List.of(new InferenceRequestEvent(EventIds.newId(), "stream-2", 1,
                        "q4", "img-q4", "what?", "val", "v-1"));
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> DemoThroughInference.stream(bootstrap, again, "v-1", tmp.resolve("inference.log")));
                assertTrue(e.getMessage().contains("NO_MODEL") && e.getMessage().contains("q4"), e.getMessage());
            } finally {
                stop.set(true);
                responder.join(10_000);
            }
        }
    }

    /** Answers every request twice wrong (another stream, another model) before answering it right. */
    private static void respond(String bootstrap, AtomicBoolean noModel, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fake-inference");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
             KafkaProducer<String, String> out = producer(bootstrap)) {
            c.subscribe(List.of(Topics.INFERENCE_REQUESTS));
            while (!stop.get()) {
                for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(200))) {
                    InferenceRequestEvent r = EventCodec.decode(EventTypes.INFERENCE_REQUEST, rec.value());
                    if (!seen.add(r.id())) continue;
                    if (noModel.get()) {
                        send(out, prediction(r.qid(), r.correlationId(), null, PredictionEvent.Status.NO_MODEL,
                                List.of()));
                        continue;
                    }
                    send(out, prediction(r.qid(), "someone-else", "v-1", PredictionEvent.Status.PREDICTED,
                            List.of("wrong")));
                    send(out, prediction(r.qid(), r.correlationId(), "v-0", PredictionEvent.Status.PREDICTED,
                            List.of("old")));
                    send(out, prediction(r.qid(), r.correlationId(), "v-1", PredictionEvent.Status.PREDICTED,
                            List.of("#0", "is", "red")));
                }
                out.flush();
            }
        }
    }

    private static PredictionEvent prediction(String qid, String correlation, String version,
                                              PredictionEvent.Status status, List<String> tokens) {
        boolean predicted = status == PredictionEvent.Status.PREDICTED;
        List<PredictionEvent.PredictedRegion> regions = tokens.contains("#0")
                ? List.of(new PredictionEvent.PredictedRegion("#0", 0, new Box(1, 2, 3, 4))) : List.of();
        return new PredictionEvent(EventIds.newId(), correlation, 1, qid, "img-" + qid, "val", status,
                predicted ? "answer-" + qid : null, predicted ? 0.5 : 0.0, tokens, regions,
                predicted ? tokens.stream().map(t -> t.startsWith("#") ? 0.1 : 0.9).toList() : List.of(),
                version);
    }

    private static void send(KafkaProducer<String, String> producer, PredictionEvent p) {
        producer.send(new ProducerRecord<>(Topics.PREDICTIONS, p.key(), EventCodec.encode(p)));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
