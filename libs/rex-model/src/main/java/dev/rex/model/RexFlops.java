package dev.rex.model;

/**
 * Floating-point operations of one evaluation forward pass (a multiply-add counts 2), from the sizes alone: the
 * matrix products of the backbone and the decoder. Element-wise work (softmax, LayerNorm, GELU, gates) is left out,
 * so GFLOP/s figures computed from this are a slight under-estimate of the work done.
 */
public final class RexFlops {
    private RexFlops() {
    }

    public static double forward(RexConfig c, int batch, int seqLen) {
        double h = c.hiddenSize();
        double r = c.numRoi();
        double f = c.visualEmbeddingDim();
        double t = seqLen + r;
        double words = c.nbWords();

        double backbone = r * f * h;                               // visual projection
        double layer = 4 * t * h * h                               // query, key, value, attention output
                + 2 * t * t * h                                    // scores and context over all heads
                + 2 * t * h * c.intermediateSize();                // feed-forward
        backbone += c.numHiddenLayers() * layer;

        double decoderOnce = r * f * h + 2 * h * h + h * c.nbAnswer();   // att_v, att_q, q_fc, ans_cls
        double step = 3 * (3 * h * h + h * h)                     // attentive GRU
                + h * h + r * h                                   // att_h, att
                + r * f + f * h                                   // attended features, v_fc
                + 3 * (2 * h * h + h * h)                         // language GRU
                + h * words;                                      // language_fc
        if (c.useStructure()) {
            step += h + r * h + r * words;                        // gate, region similarity, mapping
        }
        return 2.0 * batch * (backbone + decoderOnce + c.numStep() * step);
    }
}
