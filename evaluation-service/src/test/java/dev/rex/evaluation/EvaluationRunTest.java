package dev.rex.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.evaluation.run.MetricTable;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.events.RexHeaders;
import dev.rex.events.Topics;
import dev.rex.metrics.CaptionMetrics;
import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.rex.RexEvaluation;
import dev.rex.testing.KafkaTestClient;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * References and predictions of one (model version, split) in → after the quiet period a {@code COMPLETE} table on
 * {@code rex.evaluations} equal to what {@link RexEvaluation} gives on the same pairs here, persisted and served by
 * REST; a run on demand; a bad prediction in the same stream dead-lettered without stopping the run.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_evaluation"))
class EvaluationRunTest extends EventStreamTest {
    /** A split of this test's own: the states count the split's references as the expected predictions. */
    private static final String SPLIT = "valrun";

    @TestHTTPResource("/")
    URI base;

    @Inject
    EvaluationRepository evaluations;

    @Test
    void predictionsWithReferencesGiveRexEvaluationsTablePersistedAndServed() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String version = "model-table-" + run;
        String q1 = "t1-" + run, q2 = "t2-" + run, q3 = "t3-" + run, q4 = "t4-" + run, q5 = "t5-" + run;

        // references: three explained, one rejected (its answer still counts for VQA accuracy)
        List<ExplanationEvent> references = List.of(
                explained(q1, "Is the shirt white?", "white", "#1 is white"),
                explained(q2, "Is the cup on the table?", "yes", "the #2 is on the #3"),
                explained(q3, "Who is wearing the hat?", "man", "#4 is a man wearing #5"),
                new ExplanationEvent(EventIds.newId(), "corr-" + q4, 1, q4, "2354786", SPLIT,
                        ExplanationEvent.Status.REJECTED, "Is it red?", "no", null, null, null, List.of(),
                        "no object annotated"));
        references.forEach(this::send);
        for (ExplanationEvent x : references) {
            eventually(() -> evaluations.findReferenceJson(x.qid()), "reference " + x.qid() + " stored");
        }

        // q1 right, q2 wrong answer and a different explanation, q3 an empty explanation, q4 no reference
        // explanation, q5 no reference at all (counted, not evaluated)
        List<PredictionEvent> predictions = List.of(
                prediction(q1, version, "white", List.of("#1", "is", "white")),
                prediction(q2, version, "no", List.of("the", "#2", "is", "under", "the", "#3")),
                prediction(q3, version, "man", List.of()),
                prediction(q4, version, "yes", List.of("#7", "is", "red")),
                prediction(q5, version, "cat", List.of("#0", "is", "a", "cat")));
        String badKey = "bad-" + run;
        kafka.send(EventTypes.PREDICTION.topic(), badKey, "{\"id\": \"broken\", \"schemaVersion\": ");
        predictions.forEach(this::send);

        // what the metrics library says on the same pairs, computed here
        Map<String, String> explanations = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, String> truth = new LinkedHashMap<>();
        Map<String, String> refs = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            PredictionEvent p = predictions.get(i);
            ExplanationEvent x = references.get(i);
            explanations.put(p.qid(), String.join(" ", p.explanation()));
            answers.put(p.qid(), p.answer());
            truth.put(p.qid(), x.answer());
            if (x.status() == ExplanationEvent.Status.EXPLAINED) {
                refs.put(x.qid(), x.convertedExplanation());
            }
        }
        RexEvaluation.Report expected = new RexEvaluation(CaptionOptions.defaults().withSpice(false).withThreads(2))
                .evaluate(new RexEvaluation.Input(explanations, refs, answers, truth, null, null, null));
        assertEquals(50.0, expected.vqaAccuracy(), 1e-9, "two of the four answers are right");
        assertEquals(2, expected.captionItems());
        assertEquals(1, expected.emptyPredictions());

        EvaluationEvent table = awaitTable(version, e -> e.counts().predictions() == 5);
        assertEquals(EvaluationEvent.Status.COMPLETE, table.status(), "every reference of the split has a prediction");
        assertEquals(new EvaluationEvent.Counts(5, 4, 2, 1, 0, 2), table.counts(),
                "5 predictions, 4 references, 2 scored, 1 empty, none missing, 2 without an explained reference");
        assertTrue(table.runId().startsWith("eval-" + version + "-" + SPLIT + "-"), table.runId());
        Map<String, EvaluationEvent.Metric> published = new LinkedHashMap<>();
        table.metrics().forEach(m -> published.put(m.name(), m));
        for (String k : List.of("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "METEOR", "ROUGE_L", "CIDEr")) {
            Double want = expected.captions().get(k);
            if (want == null) {
                assertNull(published.get(k).value(), k + " not computed here, so not published: " + table);
                assertNotNull(published.get(k).note(), k + " says why");
            } else {
                assertEquals(want, published.get(k).value(), 1e-9, k);
            }
        }
        assertTrue(published.get("Bleu_1").value() > 0 && published.get("Bleu_1").value() < 100, "a partial match");
        assertEquals(expected.vqaAccuracy(), published.get(MetricTable.VQA_ACCURACY).value(), 1e-9);
        assertNull(published.get("SPICE").value(), "SPICE is off by default");
        assertNull(published.get(MetricTable.GROUNDING_PUBLISHED).value(), "no grounding reference: never faked");
        assertTrue(published.get(MetricTable.GROUNDING_PUBLISHED).note().contains("scene graphs"),
                published.get(MetricTable.GROUNDING_PUBLISHED).note());

        // the bad record of the same stream is dead-lettered with its reason
        KafkaTestClient.Received dead = kafka.await(EventTypes.PREDICTION.dlqTopic(), WAIT, r -> badKey.equals(r.key()));
        assertTrue(dead.header(RexHeaders.DEAD_LETTER_REASON).contains("malformed JSON"), dead.toString());

        // persisted, with null rows that say why
        JsonNode stored = json(get("api/evaluations/" + table.runId(), 200));
        assertEquals("COMPLETE", stored.get("status").asText());
        assertEquals("quiet-period", stored.get("trigger").asText());
        assertEquals(5, stored.get("predictionCount").asLong());
        assertEquals(1, stored.get("emptyPredictions").asInt());
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        stored.get("metrics").forEach(m -> rows.put(m.get("metric").asText(), m));
        assertEquals(table.metrics().stream().map(EvaluationEvent.Metric::name).toList(), List.copyOf(rows.keySet()),
                "the stored table is the published one, in order");
        assertEquals(CaptionMetrics.KEYS, List.copyOf(rows.keySet()).subList(0, CaptionMetrics.KEYS.size()));
        assertEquals(expected.captions().get("CIDEr"), rows.get("CIDEr").get("value").asDouble(), 1e-9);
        assertTrue(rows.get("SPICE").get("value").isNull());
        assertTrue(rows.get("SPICE").get("note").asText().contains("rex.evaluation.spice-enabled=false"),
                "the service says how SPICE is off here (not the CLI's flag): " + rows.get("SPICE"));
        assertTrue(rows.get(MetricTable.GROUNDING_CORRECTED).get("value").isNull());
        assertTrue(rows.get(MetricTable.GROUNDING_CORRECTED).get("note").asText().contains("boxes"));

        // the latest tables list it; the dashboard page is served
        assertTrue(get("api/evaluations", 200).contains("\"" + table.runId() + "\""), "latest tables");
        assertTrue(get("", 200).contains("REX evaluations"), "dashboard page");
        assertTrue(get("api/evaluation-states", 200).contains("\"" + version + "\""), "the pair's latest state");

        // on demand: 202 with a new run id, whose table is the same
        HttpResponse<String> accepted = post("api/evaluations?modelVersion=" + version + "&split=" + SPLIT);
        assertEquals(202, accepted.statusCode(), accepted.body());
        String again = json(accepted.body()).get("runId").asText();
        assertNotEquals(table.runId(), again);
        EvaluationEvent rerun = awaitTable(version, e -> e.runId().equals(again));
        assertEquals(table.metrics(), rerun.metrics());
        assertEquals("request", rerun.trigger());
        assertEquals("request", json(get("api/evaluations/" + again, 200)).get("trigger").asText());

        assertEquals(404, post("api/evaluations?modelVersion=nobody-" + run + "&split=" + SPLIT).statusCode());
        assertEquals(400, post("api/evaluations?split=" + SPLIT).statusCode());
        assertTrue(get("api/evaluations/eval-none-" + run, 404).contains("no evaluation run"));
    }

    /** The service sets the policy of its output topic at start-up: one state per pair survives compaction. */
    @Test
    void theEvaluationsTopicIsCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EVALUATIONS);
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        }
    }

    private EvaluationEvent awaitTable(String version, java.util.function.Predicate<EvaluationEvent> match) {
        KafkaTestClient.Received r = kafka.await(EventTypes.EVALUATION.topic(), WAIT, rec -> {
            if (!EvaluationEvent.keyOf(version, SPLIT).equals(rec.key())) {
                return false;
            }
            EvaluationEvent e = EventCodec.decode(EventTypes.EVALUATION, rec.text());
            return (e.status() == EvaluationEvent.Status.COMPLETE || e.status() == EvaluationEvent.Status.PARTIAL)
                    && match.test(e);
        });
        EvaluationEvent e = EventCodec.decode(EventTypes.EVALUATION, r.text());
        assertEquals(e.correlationId(), r.header(RexHeaders.CORRELATION_ID));
        return e;
    }

    private static ExplanationEvent explained(String qid, String question, String answer, String converted) {
        return new ExplanationEvent(EventIds.newId(), "corr-" + qid, 1, qid, "2354786", SPLIT,
                ExplanationEvent.Status.EXPLAINED, question, answer, converted, converted, converted, List.of(), null);
    }

    private static PredictionEvent prediction(String qid, String version, String answer, List<String> tokens) {
        return new PredictionEvent(EventIds.newId(), "corr-" + qid, 1, qid, "2354786", SPLIT,
                PredictionEvent.Status.PREDICTED, answer, 0.8, tokens, List.of(), List.of(), version);
    }


    private String get(String path, int status) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient().send(dev.rex.testing.TestApiKey.authorize(HttpRequest.newBuilder(base.resolve(path)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws Exception {
        return EventCodec.mapper().readTree(body);
    }
}
