package dev.rex.metrics.rex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds {@link Grounding.Question}s the two ways ARCHITECTURE §6 allows: from REX's own annotation and upper-bound
 * files when the user has them, otherwise from the GQA questions' {@code annotations} (question, answer,
 * fullAnswer objects) with computed upper bounds.
 */
public final class GroundingInputs {

    private GroundingInputs() {
    }

    /**
     * From {@code grounding_annotation.json} entries (roi object boxes looked up in the scene graphs) and,
     * when given, {@code grounding_upper_bound.json} (a qid absent from it gets a computed bound).
     *
     * @param detected imageId → the image's detected boxes {x1, y1, x2, y2}, or null when unknown
     */
    public static Map<String, Grounding.Question> fromAnnotations(Map<String, GqaFiles.Annotation> annotations,
                                                                  Map<String, Double> upperBounds,
                                                                  Map<String, GqaFiles.Image> sceneGraphs,
                                                                  Function<String, float[][]> detected) {
        Map<String, Grounding.Question> out = new LinkedHashMap<>();
        annotations.forEach((qid, a) -> {
            GqaFiles.Image img = sceneGraphs.get(a.imageId());
            float[][] boxes = detected.apply(a.imageId());
            if (img == null || boxes == null) {
                return; // not annotated for our purposes: counted by Grounding
            }
            out.put(qid, new Grounding.Question(a.width(), a.height(), boxesOf(a.roi(), img),
                    boxes, upperBounds == null ? null : upperBounds.get(qid)));
        });
        return out;
    }

    /** From GQA questions: annotated objects of the question, image size from its scene graph, bounds computed. */
    public static Map<String, Grounding.Question> fromQuestions(Map<String, GqaFiles.Question> questions,
                                                                Map<String, GqaFiles.Image> sceneGraphs,
                                                                Function<String, float[][]> detected) {
        Map<String, Grounding.Question> out = new LinkedHashMap<>();
        questions.forEach((qid, q) -> {
            GqaFiles.Image img = sceneGraphs.get(q.imageId());
            float[][] boxes = detected.apply(q.imageId());
            if (img == null || boxes == null) {
                return;
            }
            out.put(qid, new Grounding.Question(img.width(), img.height(), boxesOf(q.annotatedObjects(), img),
                    boxes, null));
        });
        return out;
    }

    /** Boxes of the listed objects that the scene graph has, in list order. */
    private static List<int[]> boxesOf(List<String> objectIds, GqaFiles.Image img) {
        List<int[]> boxes = new ArrayList<>();
        for (String id : objectIds) {
            int[] b = img.objects().get(id);
            if (b != null) {
                boxes.add(b);
            }
        }
        return boxes;
    }
}
