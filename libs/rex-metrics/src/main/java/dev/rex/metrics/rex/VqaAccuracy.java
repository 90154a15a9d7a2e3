package dev.rex.metrics.rex;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * VQA accuracy as REX computes it ({@code eval_qa_score}): a prediction is correct when it equals the
 * ground-truth answer after {@link AnswerNormalizer} exactly. Predictions are compared as given: the model's
 * answers come from {@code ans2idx}, whose entries are already normalised.
 */
public final class VqaAccuracy {

    /** Per-qid correctness (prediction order) and the accuracy on the raw scale (0..1; NaN when empty). */
    public record Result(Map<String, Boolean> correct, double accuracy) {
        public Result {
            correct = Collections.unmodifiableMap(new LinkedHashMap<>(correct));
        }
    }

    private VqaAccuracy() {
    }

    /**
     * @param predicted  qid → predicted answer
     * @param groundTruth qid → GQA answer (raw; normalised here)
     * @throws IllegalArgumentException when a predicted qid has no ground-truth answer
     */
    public static Result evaluate(Map<String, String> predicted, Map<String, String> groundTruth) {
        Map<String, Boolean> correct = new LinkedHashMap<>();
        long hits = 0;
        for (Map.Entry<String, String> e : predicted.entrySet()) {
            String gt = groundTruth.get(e.getKey());
            if (gt == null) {
                throw new IllegalArgumentException("qid " + e.getKey() + " has a predicted answer but no ground-truth "
                        + "answer; give the GQA questions of the evaluated split");
            }
            boolean ok = AnswerNormalizer.convert(gt).equals(e.getValue());
            correct.put(e.getKey(), ok);
            if (ok) {
                hits++;
            }
        }
        return new Result(correct, predicted.isEmpty() ? Double.NaN : hits / (double) predicted.size());
    }

    /**
     * GQA-OOD accuracy of one OOD file as REX computes it: the number of correct predictions among the
     * file's qids divided by the number of qids in the file (not by the number evaluated), raw scale.
     */
    public static double oodAccuracy(Map<String, Boolean> correct, Collection<String> oodQids) {
        if (oodQids.isEmpty()) {
            return Double.NaN;
        }
        Set<String> ood = oodQids instanceof Set<String> s ? s : Set.copyOf(oodQids);
        long hits = 0;
        for (Map.Entry<String, Boolean> e : correct.entrySet()) {
            if (e.getValue() && ood.contains(e.getKey())) {
                hits++;
            }
        }
        return hits / (double) ood.size();
    }
}
