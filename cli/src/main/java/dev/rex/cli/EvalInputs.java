package dev.rex.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.gqa.io.SceneGraphIndex;
import dev.rex.gqa.model.GqaQuestion;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.model.SceneObject;
import dev.rex.metrics.rex.AttributeRecall;
import dev.rex.metrics.rex.GqaFiles;
import dev.rex.metrics.rex.Grounding;
import dev.rex.metrics.rex.GroundingInputs;
import dev.rex.metrics.rex.RexEvaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles {@link RexEvaluation.Input} for one split from files a user has: the GQA questions and scene graphs,
 * the feature store's detected boxes, a GQA-REX build's references, and a model's predictions. The annotated objects
 * of a question are those of its GQA {@code annotations} (question, answer, fullAnswer, first appearance), as
 * when no grounding annotation files are given (question, answer, fullAnswer, each in file order, first appearance
 * kept); the upper bound is then computed as {@link Grounding.Bound} says. With REX's own files they are used as is.
 */
final class EvalInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalInputs() {
    }

    /**
     * The optional tables of the paper's table, loaded and checked before any work.
     *
     * @param attributes       attribute recall tables, or null
     * @param ood              GQA-OOD part → qids, or null
     * @param groundingFiles   directory of REX's grounding_annotation.json and grounding_upper_bound.json, or null
     */
    record Tables(AttributeRecall attributes, Map<String, Set<String>> ood, Path groundingFiles) {
        static final Tables NONE = new Tables(null, null, null);

        static Tables load(Path attributesDir, Path oodDir, Path groundingDir, String split) {
            List<String> problems = new ArrayList<>();
            AttributeRecall attrs = null;
            Map<String, Set<String>> ood = null;
            if (attributesDir != null) {
                try {
                    attrs = AttributeRecall.loadDirectory(attributesDir);
                } catch (IllegalArgumentException e) {
                    problems.add("--attributes: " + e.getMessage());
                }
            }
            if (oodDir != null) {
                try {
                    ood = GqaFiles.oodSets(oodDir, split);
                } catch (IllegalArgumentException e) {
                    problems.add("--ood: " + e.getMessage());
                }
            }
            if (groundingDir != null) {
                for (String f : List.of("grounding_annotation.json", "grounding_upper_bound.json")) {
                    if (!Files.isRegularFile(groundingDir.resolve(f))) {
                        problems.add("--grounding-files " + groundingDir + " has no " + f);
                    }
                }
            }
            if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
            return new Tables(attrs, ood, groundingDir);
        }
    }

    /** A file written by {@code rex eval --predictions}: qid → {answer, confidence, explanation}, in file order. */
    static void readPredictions(Path file, Map<String, String> answers, Map<String, String> explanations)
            throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--from-predictions " + file + ": expected a JSON object qid -> "
                    + "{answer, explanation}");
        }
        root.fields().forEachRemaining(e -> {
            answers.put(e.getKey(), e.getValue().path("answer").asText(""));
            explanations.put(e.getKey(), e.getValue().path("explanation").asText(""));
        });
    }

    static RexEvaluation.Input forSplit(Path questionsDir, Path sceneGraphsDir, FeatureStore boxes, Path gqaRex,
                                        String split, Map<String, String> answers, Map<String, String> explanations)
            throws IOException {
        return forSplit(questionsDir, sceneGraphsDir, boxes, gqaRex, split, answers, explanations, Tables.NONE);
    }

    /**
     * @param gqaRex         the GQA-REX build, or null: answers only (testdev has no explanations)
     * @param sceneGraphsDir the scene graphs, or null (or without the split's file): no grounding
     */
    static RexEvaluation.Input forSplit(Path questionsDir, Path sceneGraphsDir, FeatureStore boxes, Path gqaRex,
                                        String split, Map<String, String> answers, Map<String, String> explanations,
                                        Tables tables) throws IOException {
        Map<String, String> references = gqaRex == null ? Map.of()
                : readReferences(gqaRex.resolve("converted_explanation_" + split + ".json"));
        Map<String, String> truth = new LinkedHashMap<>();
        Path graphFile = sceneGraphsDir == null ? null : sceneGraphsDir.resolve(split + "_sceneGraphs.json");
        boolean grounded = graphFile != null && Files.isRegularFile(graphFile);
        Map<String, Grounding.Question> grounding = grounded ? new LinkedHashMap<>() : null;
        try (QuestionReader reader = new QuestionReader(questionsDir.resolve(split + "_balanced_questions.json"), true);
             SceneGraphIndex graphs = grounded ? new SceneGraphIndex(graphFile, 256) : null) {
            while (reader.hasNext()) {
                QuestionEntry e = reader.next();
                if (!e.valid() || !explanations.containsKey(e.qid())) continue;
                GqaQuestion q = e.question();
                truth.put(q.qid(), q.answer());
                if (graphs == null || !graphs.contains(q.imageId()) || !boxes.contains(q.imageId())) continue;
                grounding.put(q.qid(), groundingQuestion(q, graphs.get(q.imageId()), boxes.boxes(q.imageId())));
            }
        }
        if (tables.groundingFiles() != null && sceneGraphsDir != null) {
            grounding = fromGroundingFiles(tables.groundingFiles(), sceneGraphsDir.resolve(split + "_sceneGraphs.json"),
                    boxes, explanations);
        }
        return new RexEvaluation.Input(explanations, references, answers, truth, grounding, tables.attributes(),
                tables.ood());
    }

    /** REX's own grounding files, as its {@code Grounding_Evaluator} reads them. */
    private static Map<String, Grounding.Question> fromGroundingFiles(Path dir, Path sceneGraphFile, FeatureStore boxes,
                                                                      Map<String, String> explanations) {
        Map<String, GqaFiles.Annotation> annotations = GqaFiles.groundingAnnotations(
                dir.resolve("grounding_annotation.json"), explanations::containsKey);
        Map<String, Double> bounds = GqaFiles.upperBounds(dir.resolve("grounding_upper_bound.json"),
                explanations::containsKey);
        Set<String> images = new LinkedHashSet<>();
        annotations.values().forEach(a -> images.add(a.imageId()));
        Map<String, GqaFiles.Image> graphs = GqaFiles.sceneGraphs(sceneGraphFile, images::contains);
        return GroundingInputs.fromAnnotations(annotations, bounds, graphs, image -> {
            try {
                return boxes.contains(image) ? detected(boxes.boxes(image)) : null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static Grounding.Question groundingQuestion(GqaQuestion q, SceneGraph graph, float[] flatBoxes) {
        List<int[]> annotated = new ArrayList<>();
        for (String id : q.annotations().objectIds()) {
            SceneObject o = graph.objects().get(id);
            if (o != null) annotated.add(new int[]{(int) o.x(), (int) o.y(), (int) o.w(), (int) o.h()});
        }
        return new Grounding.Question((int) graph.width(), (int) graph.height(), annotated, detected(flatBoxes), null);
    }

    private static float[][] detected(float[] flatBoxes) {
        float[][] detected = new float[flatBoxes.length / 4][];
        for (int k = 0; k < detected.length; k++) {
            detected[k] = new float[]{flatBoxes[4 * k], flatBoxes[4 * k + 1], flatBoxes[4 * k + 2], flatBoxes[4 * k + 3]};
        }
        return detected;
    }

    private static Map<String, String> readReferences(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is missing: run 'rex dataset build' for this split first");
        }
        return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {
        });
    }
}
