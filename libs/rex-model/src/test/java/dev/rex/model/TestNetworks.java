package dev.rex.model;

import java.util.Random;

/** Small configurations and random inputs for the network tests (hand-made, no shared data). */
final class TestNetworks {
    private TestNetworks() {
    }

    /** 2 layers, hidden 16, 2 heads, 6 steps; 40 explanation words (36 region tokens + 4), 5 answers. */
    static RexConfig small(boolean gate) {
        return new RexConfig(30, 16, 2, 2, 32, 2048, 40, 2, 1e-12, 0.1, 0.1, 6, 36, gate, 5, 40);
    }

    /** Random features in [0, 1), random ids; sample b has its last b tokens padded. */
    static RexBatch batch(RexConfig c, int batch, int len, long seed, long[] exp) {
        Random rnd = new Random(seed);
        float[] img = new float[batch * c.numRoi() * c.visualEmbeddingDim()];
        for (int i = 0; i < img.length; i++) {
            img[i] = rnd.nextFloat();
        }
        long[] ids = new long[batch * len];
        long[] mask = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < len; t++) {
                boolean real = t < len - b;
                ids[b * len + t] = real ? 1 + rnd.nextInt(c.vocabSize() - 1) : 0;
                mask[b * len + t] = real ? 1 : 0;
            }
        }
        return new RexBatch(batch, c.numRoi(), c.visualEmbeddingDim(), img, len, ids, new long[batch * len], mask,
                c.numStep(), exp);
    }

    static RexOutput predict(RexModel model, RexBatch batch) {
        try (RexPredictor p = model.newPredictor()) {
            return p.predict(batch);
        }
    }
}
