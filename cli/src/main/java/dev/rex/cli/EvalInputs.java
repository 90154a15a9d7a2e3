package dev.rex.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.gqa.io.SceneGraphIndex;
import dev.rex.gqa.model.GqaQuestion;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.model.SceneObject;
import dev.rex.metrics.rex.Grounding;
import dev.rex.metrics.rex.RexEvaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles {@link RexEvaluation.Input} for one split from files a user has: the GQA questions and scene graphs,
 * the feature store's detected boxes, a GQA-REX build's references, and a model's predictions. The annotated objects
 * of a question are those of its GQA {@code annotations} (question, answer, fullAnswer, first appearance), as
 * DESIGN §6 prescribes when no grounding annotation file is given; the upper bound is then computed.
 */
final class EvalInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalInputs() {
    }

    static RexEvaluation.Input forSplit(Path questionsDir, Path sceneGraphsDir, FeatureStore boxes, Path gqaRex,
                                        String split, Map<String, String> answers, Map<String, String> explanations)
            throws IOException {
        Map<String, String> references = readReferences(gqaRex.resolve("converted_explanation_" + split + ".json"));
        Map<String, String> truth = new LinkedHashMap<>();
        Map<String, Grounding.Question> grounding = new LinkedHashMap<>();
        try (QuestionReader reader = new QuestionReader(questionsDir.resolve(split + "_balanced_questions.json"), true);
             SceneGraphIndex graphs = new SceneGraphIndex(sceneGraphsDir.resolve(split + "_sceneGraphs.json"), 256)) {
            while (reader.hasNext()) {
                QuestionEntry e = reader.next();
                if (!e.valid() || !explanations.containsKey(e.qid())) continue;
                GqaQuestion q = e.question();
                truth.put(q.qid(), q.answer());
                if (!graphs.contains(q.imageId()) || !boxes.contains(q.imageId())) continue;
                grounding.put(q.qid(), groundingQuestion(q, graphs.get(q.imageId()), boxes.boxes(q.imageId())));
            }
        }
        return new RexEvaluation.Input(explanations, references, answers, truth, grounding, null, null);
    }

    private static Grounding.Question groundingQuestion(GqaQuestion q, SceneGraph graph, float[] flatBoxes) {
        List<int[]> annotated = new ArrayList<>();
        for (String id : q.annotations().objectIds()) {
            SceneObject o = graph.objects().get(id);
            if (o != null) annotated.add(new int[]{(int) o.x(), (int) o.y(), (int) o.w(), (int) o.h()});
        }
        float[][] detected = new float[flatBoxes.length / 4][];
        for (int k = 0; k < detected.length; k++) {
            detected[k] = new float[]{flatBoxes[4 * k], flatBoxes[4 * k + 1], flatBoxes[4 * k + 2], flatBoxes[4 * k + 3]};
        }
        return new Grounding.Question((int) graph.width(), (int) graph.height(), annotated, detected, null);
    }

    private static Map<String, String> readReferences(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is missing: run 'rex dataset build' for this split first");
        }
        return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {
        });
    }
}
