package dev.rex.model.infer;

import java.util.List;

/**
 * What the model says about one question.
 *
 * @param answer      the arg-max answer of {@code ans2idx}
 * @param answerIndex its index
 * @param confidence  its probability (the answer softmax), in [0, 1]
 * @param explanation the greedy explanation tokens up to the first end index 0 (empty when the first step ends)
 * @param regions     one entry per {@code #k} token of the explanation, in order, with that region's box
 * @param gateValues  the structure gate g (1 = word distribution, 0 = regions) at each decoded step, one per
 *                    explanation token; empty when the checkpoint has the gate off
 */
public record Answer(String answer, int answerIndex, double confidence, List<String> explanation,
                     List<GroundedRegion> regions, List<Double> gateValues) {
    public Answer {
        explanation = List.copyOf(explanation);
        regions = List.copyOf(regions);
        gateValues = List.copyOf(gateValues);
    }

    /** The explanation as one line of text (the form the metrics and {@code Validation} use); "" when empty. */
    public String explanationText() {
        return String.join(" ", explanation);
    }
}
