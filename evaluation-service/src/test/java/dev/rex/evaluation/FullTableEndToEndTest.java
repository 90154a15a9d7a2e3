package dev.rex.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rex.evaluation.run.MetricTable;
import dev.rex.events.Box;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.GroundingReference;
import dev.rex.events.PredictionEvent;
import dev.rex.events.QuestionEvent;
import dev.rex.events.SceneGraph;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.synth.SynthWorld;
import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.rex.AttributeRecall;
import dev.rex.metrics.rex.GqaFiles;
import dev.rex.metrics.rex.Grounding;
import dev.rex.metrics.rex.GroundingInputs;
import dev.rex.metrics.rex.RexEvaluation;
import dev.rex.testing.KafkaTestClient;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paper's whole table through the service, over the real broker and database: a synthetic GQA world's val
 * questions become references on {@code rex.explanations} (each with the grounding reference the preprocessing
 * service derives from the question's annotations, its scene graph and detected boxes) and a model's predictions on
 * {@code rex.predictions}; the service's table — captions, grounding as published and corrected, attribute recall
 * per category, VQA accuracy, GQA-OOD all/head/tail — must equal {@link RexEvaluation} within 1e-9 on the inputs
 * the CLI reads straight from the same GQA files (rex-metrics' own readers, {@link GroundingInputs#fromQuestions}).
 * With two predictions held back the run ends PARTIAL with two missing; once they arrive it is COMPLETE.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_evaluation"))
class FullTableEndToEndTest extends EventStreamTest {
    /** A run over the world's whole val split takes longer than the other tests' waits. */
    private static final Duration TABLE_WAIT = Duration.ofSeconds(120);
    /** Where application.properties (%test) points the service's attribute and OOD tables. */
    private static final Path TABLES = Path.of("target", "e2e-tables");
    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final List<String> ATTRIBUTE_WORDS = List.of("red", "blue", "white", "wooden", "metal", "large",
            "small", "striped");

    @Test
    void theServicesTableEqualsRexEvaluationOnTheSameGqaFiles() throws Exception {
        Path world = Files.createTempDirectory("rex-e2e-world");
        SynthWorld.generate(new SynthWorld.Options(60, 8, 7, world, true), (done, total) -> { });
        String split = "val" + UUID.randomUUID().toString().substring(0, 6);
        String version = "e2e-" + split;
        Path questionsFile = world.resolve("questions").resolve("val_balanced_questions.json");
        Path graphsFile = world.resolve("sceneGraphs").resolve("val_sceneGraphs.json");
        FeatureStore store = new FeatureStore(world);

        // the GQA files as JSON trees: what the preprocessing service turns into events
        JsonNode questions = JSON.readTree(questionsFile.toFile());
        JsonNode graphs = JSON.readTree(graphsFile.toFile());
        List<String> qids = new ArrayList<>();
        questions.fieldNames().forEachRemaining(qids::add);
        assertTrue(qids.size() >= 40, "enough val questions: " + qids.size());
        writeTables(qids, split);

        Random random = new Random(11);
        List<ExplanationEvent> references = new ArrayList<>();
        List<PredictionEvent> predictions = new ArrayList<>();
        for (int i = 0; i < qids.size(); i++) {
            String qid = qids.get(i);
            JsonNode q = questions.get(qid);
            String imageId = q.get("imageId").asText();
            QuestionEvent.QuestionAnnotations annotations =
                    JSON.treeToValue(q.get("annotations"), QuestionEvent.QuestionAnnotations.class);
            SceneGraph graph = JSON.treeToValue(graphs.get(imageId), SceneGraph.class);
            GroundingReference grounding = GroundingReference.of(annotations.objectIds(), graph, boxes(store, imageId));
            boolean rejected = i % 7 == 3; // a rejected question still counts for grounding and VQA
            String converted = rejected ? null : sentence(random);
            references.add(new ExplanationEvent(EventIds.newId(), "corr-" + qid, 1, qid, imageId, split,
                    rejected ? ExplanationEvent.Status.REJECTED : ExplanationEvent.Status.EXPLAINED,
                    q.get("question").asText(), q.get("answer").asText(), converted, converted, converted, List.of(),
                    rejected ? "REJECTED at program: test" : null, grounding));
            String answer = i % 3 == 0 ? "nothing" : q.get("answer").asText();
            List<String> tokens = i % 9 == 5 ? List.of() : List.of(sentence(random).split(" "));
            predictions.add(new PredictionEvent(EventIds.newId(), "corr-" + qid, 1, qid, imageId, split,
                    PredictionEvent.Status.PREDICTED, answer, 0.75, tokens, List.of(), List.of(), version));
        }
        references.forEach(this::send);

        // two predictions held back: the run scores what arrived and says PARTIAL, two missing
        predictions.subList(0, predictions.size() - 2).forEach(this::send);
        EvaluationEvent partial = awaitState(version, split, EvaluationEvent.Status.PARTIAL);
        assertEquals(2, partial.counts().missing(), partial.counts().toString());
        assertEquals(qids.size() - 2, partial.counts().predictions());
        assertEquals(qids.size(), partial.counts().references());
        assertTable(expected(predictions.subList(0, predictions.size() - 2), references, questionsFile, graphsFile,
                store, split), rows(partial), 1e-9, "partial table");

        predictions.subList(predictions.size() - 2, predictions.size()).forEach(this::send);
        EvaluationEvent complete = awaitState(version, split, EvaluationEvent.Status.COMPLETE);
        assertEquals(0, complete.counts().missing());
        assertEquals(qids.size(), complete.counts().predictions());
        assertTrue(complete.counts().empty() > 0, "empty predictions counted: " + complete.counts());
        assertNotNull(complete.startedAt());
        assertNotNull(complete.finishedAt());
        assertEquals("quiet-period", complete.trigger());
        Map<String, Double> expected = expected(predictions, references, questionsFile, graphsFile, store, split);
        Map<String, Double> got = rows(complete);
        assertTable(expected, got, 1e-9, "complete table");
        for (String k : List.of(MetricTable.GROUNDING_PUBLISHED, MetricTable.GROUNDING_CORRECTED,
                MetricTable.VQA_ACCURACY, "OOD_all", "OOD_head", "OOD_tail", "Attribute_color", "CIDEr")) {
            assertNotNull(got.get(k), k + " computed: " + got);
        }
        assertNull(got.get("SPICE"), "SPICE off unless rex.evaluation.spice-enabled");
        assertNotEquals(got.get(MetricTable.GROUNDING_PUBLISHED), got.get(MetricTable.GROUNDING_CORRECTED),
                "questions with several annotated objects make the two variants differ");
    }

    /** RexEvaluation on what the CLI reads from the GQA files, for the given predictions. */
    private static Map<String, Double> expected(List<PredictionEvent> predictions, List<ExplanationEvent> references,
                                                Path questionsFile, Path graphsFile, FeatureStore store, String split) {
        Map<String, ExplanationEvent> byQid = new LinkedHashMap<>();
        references.forEach(r -> byQid.put(r.qid(), r));
        Map<String, String> explanations = new LinkedHashMap<>();
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        predictions.stream().sorted(java.util.Comparator.comparing(PredictionEvent::qid)).forEach(p -> {
            explanations.put(p.qid(), String.join(" ", p.explanation()));
            answers.put(p.qid(), p.answer());
            ExplanationEvent r = byQid.get(p.qid());
            if (r.status() == ExplanationEvent.Status.EXPLAINED) {
                refs.put(p.qid(), r.convertedExplanation());
            }
        });
        Map<String, GqaFiles.Question> questions = GqaFiles.questions(questionsFile, explanations::containsKey);
        Map<String, String> truth = new LinkedHashMap<>();
        questions.forEach((qid, q) -> truth.put(qid, q.answer()));
        Map<String, GqaFiles.Image> graphs = GqaFiles.sceneGraphs(graphsFile, id -> true);
        Map<String, Grounding.Question> grounding = GroundingInputs.fromQuestions(questions, graphs,
                id -> boxes2d(store, id));
        RexEvaluation.Report r = new RexEvaluation(CaptionOptions.defaults().withSpice(false).withThreads(2))
                .evaluate(new RexEvaluation.Input(explanations, refs, answers, truth, grounding,
                        AttributeRecall.loadDirectory(TABLES),
                        GqaFiles.oodSets(TABLES, split)));
        Map<String, Double> m = new LinkedHashMap<>(r.captions());
        m.put(MetricTable.GROUNDING_PUBLISHED, r.groundingPublished());
        m.put(MetricTable.GROUNDING_CORRECTED, r.groundingCorrected());
        r.attributeRecall().forEach((k, v) -> m.put(MetricTable.ATTRIBUTE_PREFIX + k, v));
        m.put(MetricTable.VQA_ACCURACY, r.vqaAccuracy());
        r.oodAccuracy().forEach((k, v) -> m.put(MetricTable.OOD_PREFIX + k, v));
        return m;
    }

    private static Map<String, Double> rows(EvaluationEvent e) {
        Map<String, Double> m = new LinkedHashMap<>();
        e.metrics().forEach(x -> m.put(x.name(), x.value()));
        return m;
    }

    private static void assertTable(Map<String, Double> want, Map<String, Double> got, double tolerance, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()),
                what + ": the same rows in the same order");
        want.forEach((k, v) -> {
            Double g = got.get(k);
            if (v == null) {
                assertNull(g, what + " " + k);
            } else {
                assertNotNull(g, what + " " + k);
                org.junit.jupiter.api.Assertions.assertEquals(v, g, tolerance, what + " " + k);
            }
        });
    }

    /** REX's attribute tables (one attribute unknown to attr2cat) and the three GQA-OOD files of the split. */
    private static void writeTables(List<String> qids, String split) throws IOException {
        Files.createDirectories(TABLES);
        Map<String, String> attr2cat = new LinkedHashMap<>();
        attr2cat.put("red", "color");
        attr2cat.put("blue", "color");
        attr2cat.put("white", "color");
        attr2cat.put("wooden", "material");
        attr2cat.put("metal", "material");
        attr2cat.put("large", "size");
        attr2cat.put("small", "size");
        attr2cat.put("striped", "pattern");
        attr2cat.put("furry", "texture"); // no evaluated question has it: a category without recall
        JSON.writeValue(TABLES.resolve("attr2cat.json").toFile(), attr2cat);
        Random random = new Random(5);
        ObjectNode evalList = JSON.createObjectNode();
        ObjectNode all = JSON.createObjectNode();
        ObjectNode head = JSON.createObjectNode();
        ObjectNode tail = JSON.createObjectNode();
        for (int i = 0; i < qids.size(); i++) {
            if (i % 2 == 0) {
                var attrs = evalList.putArray(qids.get(i));
                for (int k = 0; k <= i % 3; k++) {
                    attrs.add(ATTRIBUTE_WORDS.get(random.nextInt(ATTRIBUTE_WORDS.size())));
                }
                if (i % 10 == 0) {
                    attrs.add("shiny"); // not in attr2cat: skipped and counted, as the original would KeyError
                }
            }
            if (i % 5 != 4) {
                all.putObject(qids.get(i)).put("answer", "x");
                (i % 3 == 0 ? head : tail).putObject(qids.get(i)).put("answer", "x");
            }
        }
        JSON.writeValue(TABLES.resolve("attribute_eval_list.json").toFile(), evalList);
        JSON.writeValue(TABLES.resolve("ood_" + split + "_all.json").toFile(), all);
        JSON.writeValue(TABLES.resolve("ood_" + split + "_head.json").toFile(), head);
        JSON.writeValue(TABLES.resolve("ood_" + split + "_tail.json").toFile(), tail);
    }

    /** A REX-like explanation: region tokens, grid cells, attribute and plain words. */
    private static String sentence(Random random) {
        List<String> words = new ArrayList<>();
        int n = 3 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(5);
            words.add(switch (kind) {
                case 0, 1 -> "#" + random.nextInt(36);
                case 2 -> ATTRIBUTE_WORDS.get(random.nextInt(ATTRIBUTE_WORDS.size()));
                case 3 -> "@" + (1 + random.nextInt(16));
                default -> List.of("the", "is", "on", "of", "a", "left", "wearing").get(random.nextInt(7));
            });
        }
        return String.join(" ", words);
    }

    private static List<Box> boxes(FeatureStore store, String imageId) {
        List<Box> out = new ArrayList<>();
        for (float[] b : boxes2d(store, imageId)) {
            out.add(new Box(b[0], b[1], b[2], b[3]));
        }
        return out;
    }

    private static float[][] boxes2d(FeatureStore store, String imageId) {
        try {
            float[] flat = store.boxes(imageId);
            float[][] out = new float[flat.length / 4][];
            for (int k = 0; k < out.length; k++) {
                out[k] = new float[] {flat[4 * k], flat[4 * k + 1], flat[4 * k + 2], flat[4 * k + 3]};
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EvaluationEvent awaitState(String version, String split, EvaluationEvent.Status status) {
        String key = EvaluationEvent.keyOf(version, split);
        KafkaTestClient.Received r = kafka.await(EventTypes.EVALUATION.topic(), TABLE_WAIT, rec -> key.equals(rec.key())
                && EventCodec.decode(EventTypes.EVALUATION, rec.text()).status() == status);
        return EventCodec.decode(EventTypes.EVALUATION, r.text());
    }

}
