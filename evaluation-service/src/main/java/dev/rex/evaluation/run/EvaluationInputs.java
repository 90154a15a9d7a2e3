package dev.rex.evaluation.run;

import dev.rex.events.Box;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.GroundingReference;
import dev.rex.metrics.rex.AttributeRecall;
import dev.rex.metrics.rex.Grounding;
import dev.rex.metrics.rex.RexEvaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one (model version, split) as {@link RexEvaluation.Input}, following the CLI's use of it
 * ({@code rex eval}): the predicted explanation is the decoded tokens joined by spaces, the reference the GQA-REX
 * converted explanation (grounded {@code #k}/{@code @k} tokens), the ground-truth answer the one the reference
 * record carries, the grounding data the reference's {@link GroundingReference} (annotated objects in GQA's
 * annotation order, image size, detected boxes) with boxes truncated to integers as the CLI reads them from the
 * GQA files; attribute recall and GQA-OOD use the configured tables.
 * <p>
 * Only predictions whose question has a reference record are evaluated. A reference that was not explained
 * (pending, rejected) counts as "no reference" for the caption metrics, as REX skips empty references; its answer
 * and grounding still count, as REX computes those over every prediction.
 */
public final class EvaluationInputs {
    private EvaluationInputs() {
    }

    /**
     * @param attributes REX's attribute recall tables, or null when not configured
     * @param ood        GQA-OOD part ("all", "head", "tail") → its qids, or null when not configured
     */
    public static RexEvaluation.Input of(List<ScoredPrediction> predictions, AttributeRecall attributes,
                                         Map<String, ? extends Collection<String>> ood) {
        Map<String, String> explanations = new LinkedHashMap<>();
        Map<String, String> references = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, String> truth = new LinkedHashMap<>();
        Map<String, Grounding.Question> grounding = new LinkedHashMap<>();
        for (ScoredPrediction s : predictions) {
            ExplanationEvent ref = s.reference();
            if (ref == null) {
                continue;
            }
            String qid = s.prediction().qid();
            explanations.put(qid, String.join(" ", s.prediction().explanation()));
            if (ref.status() == ExplanationEvent.Status.EXPLAINED) {
                references.put(qid, ref.convertedExplanation());
            }
            if (ref.answer() != null && !ref.answer().isBlank()) {
                answers.put(qid, s.prediction().answer());
                truth.put(qid, ref.answer());
            }
            if (ref.groundingReference() != null) {
                grounding.put(qid, question(ref.groundingReference()));
            }
        }
        // none at all: the table's note then names what the preprocessing service needs to supply them
        return new RexEvaluation.Input(explanations, references, answers, truth, grounding.isEmpty() ? null : grounding,
                attributes, ood);
    }

    /** As the CLI builds it from the GQA files: {@code int()} of the scene-graph numbers, float32 detected boxes. */
    static Grounding.Question question(GroundingReference r) {
        List<int[]> annotated = new ArrayList<>(r.annotated().size());
        for (GroundingReference.AnnotatedObject o : r.annotated()) {
            annotated.add(new int[] {(int) o.x(), (int) o.y(), (int) o.w(), (int) o.h()});
        }
        float[][] detected = new float[r.detected().size()][];
        for (int k = 0; k < detected.length; k++) {
            Box b = r.detected().get(k);
            detected[k] = new float[] {(float) b.x1(), (float) b.y1(), (float) b.x2(), (float) b.y2()};
        }
        return new Grounding.Question((int) r.imageWidth(), (int) r.imageHeight(), annotated, detected, null);
    }
}
