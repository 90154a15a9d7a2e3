package dev.rex.model.train;

import dev.rex.model.RexConfig;

/**
 * An analytic estimate of the floating-point work of REX per sample (multiply–add = 2 FLOPs), from the layer sizes
 * of {@code bert_exp.py}: the visual projection, the BERT layers over [L text tokens; 36 regions], and the 12 decoder
 * steps (two GRUs, region attention, word softmax, structure gate). Element-wise work is left out; a training step
 * is counted as 3× the forward pass (backward ≈ 2× forward). Used to turn samples/s into GFLOP/s.
 */
public final class TrainingFlops {
    private TrainingFlops() {
    }

    public static double forwardPerSample(RexConfig c, int textLength) {
        double h = c.hiddenSize();
        double r = c.numRoi();
        double f = c.visualEmbeddingDim();
        double s = textLength + r;
        double v = c.nbWords();
        double flops = 2 * r * f * h;                                   // visual projection
        double layer = 2 * (4 * s * h * h)                               // q, k, v, output projections
                + 2 * (2 * s * s * h)                                    // scores and context
                + 2 * (2 * s * h * c.intermediateSize());                // feed-forward
        flops += c.numHiddenLayers() * layer;
        flops += 2 * (r * f * h + 2 * h * h);                            // att_v, att_q, q_fc
        double step = 2 * (3 * (3 * h * h + h * h))                      // attentive GRU
                + 2 * (h * h + 2 * r * h)                                // att_h, attention scores
                + 2 * (r * f + f * h)                                    // attended features, v_fc
                + 2 * (3 * (2 * h * h + h * h))                          // language GRU
                + 2 * (h * v + h + r * h + v * r);                       // word softmax, gate, similarity, mapping
        flops += c.numStep() * step;
        flops += 2 * h * c.nbAnswer();                                   // answer head
        return flops;
    }

    public static double trainingPerSample(RexConfig c, int textLength) {
        return 3 * forwardPerSample(c, textLength);
    }
}
