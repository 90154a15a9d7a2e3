package dev.rex.evaluation.run;

import dev.rex.events.ExplanationEvent;
import dev.rex.metrics.rex.RexEvaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one (model version, split) as {@link RexEvaluation.Input}, following the CLI's use of it: the
 * predicted explanation is the decoded tokens joined by spaces, the reference the GQA-REX converted explanation
 * (grounded {@code #k}/{@code @k} tokens), the ground-truth answer the one the reference record carries.
 * <p>
 * Only predictions whose question has a reference record are evaluated. A reference that was not explained
 * (pending, rejected) counts as "no reference" for the caption metrics, as REX skips empty references; its answer
 * still counts for VQA accuracy, which REX computes over every prediction.
 * <p>
 * Grounding, attribute recall and GQA-OOD are not given: the events do not carry what they need (see
 * {@link MetricTable#GROUNDING_NOTE}).
 */
public final class EvaluationInputs {
    private EvaluationInputs() {
    }

    public static RexEvaluation.Input of(List<ScoredPrediction> predictions) {
        Map<String, String> explanations = new LinkedHashMap<>();
        Map<String, String> references = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, String> truth = new LinkedHashMap<>();
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
        }
        return new RexEvaluation.Input(explanations, references, answers, truth, null, null, null);
    }
}
