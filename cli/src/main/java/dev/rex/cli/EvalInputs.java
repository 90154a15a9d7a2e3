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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        // answers only (no GQA-REX references): the caption rows say so rather than score empty references
        return new RexEvaluation.Input(explanations, references, answers, truth, grounding, null, null);
    }

    private static Grounding.Question groundingQuestion(GqaQuestion q, SceneGraph graph, float[] flatBoxes) {
        Set<String> ids = new LinkedHashSet<>();
        ids.addAll(q.annotations().question().values());
        ids.addAll(q.annotations().answer().values());
        ids.addAll(q.annotations().fullAnswer().values());
        List<int[]> annotated = new ArrayList<>();
        for (String id : ids) {
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
