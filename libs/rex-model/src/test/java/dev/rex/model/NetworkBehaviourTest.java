package dev.rex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.rex.model.nn.BertEncoder;
import dev.rex.model.nn.RexNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shapes, masks, the structure gate and the decoding modes on a small random network. */
class NetworkBehaviourTest {
    static RexModel gated;
    static RexConfig config = TestNetworks.small(true);

    @BeforeAll
    static void create() {
        gated = RexModel.create(config, 11);
    }

    @AfterAll
    static void close() {
        gated.close();
    }

    @Test
    void outputsHaveTheContractShapesAndAreDistributions() {
        RexOutput out = TestNetworks.predict(gated, TestNetworks.batch(config, 3, 7, 1, null));
        assertEquals(3 * 5, out.answerProbs().length);
        assertEquals(3 * 6 * 41, out.wordProbs().length);
        assertEquals(3 * 6, out.gate().length);
        for (int b = 0; b < 3; b++) {
            double ans = 0;
            for (int a = 0; a < 5; a++) {
                ans += out.answerProb(b, a);
            }
            assertEquals(1, ans, 1e-5);
            for (int t = 0; t < 6; t++) {
                double sum = 0;
                for (int w = 0; w < 41; w++) {
                    sum += out.wordProb(b, t, w);
                }
                // each region maps to exactly one word, so the mixture stays a distribution
                assertEquals(1, sum, 1e-5);
                float g = out.gate()[b * 6 + t];
                assertTrue(g > 0 && g < 1, "gate " + g);
            }
        }
    }

    @Test
    void withoutTheGateThereIsNoGateOutputAndNoGateParameters() {
        RexConfig off = TestNetworks.small(false);
        try (RexModel m = RexModel.create(off, 3)) {
            RexOutput out = TestNetworks.predict(m, TestNetworks.batch(off, 2, 5, 2, null));
            assertNull(out.gate());
            assertEquals(2 * 6 * 41, out.wordProbs().length);
            assertTrue(m.parameters().keySet().stream().noneMatch(n -> n.startsWith("structure_")));
        }
    }

    @Test
    void attentionMaskIsAdditiveOverTextThenOnesForRegions() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mask = BertEncoder.additiveMask(m.create(new long[] {1, 1, 0, 1, 0, 0}, new Shape(2, 3)), 2);
            assertEquals(new Shape(2, 1, 1, 5), mask.getShape());
            assertArrayEquals(new float[] {0, 0, -10000, 0, 0, 0, -10000, -10000, 0, 0}, mask.toFloatArray(), 0f);
        }
    }

    @Test
    void paddedTokensDoNotChangeTheOutputs() {
        RexBatch a = TestNetworks.batch(config, 2, 6, 5, null);
        long[] ids = a.textInput().clone();
        ids[6 + 5] = 7; // sample 1 has its last token masked: change what sits there
        RexBatch b = new RexBatch(a.batch(), a.regions(), a.featureDim(), a.img(), a.seqLen(), ids, a.tokenType(),
                a.attentionMask(), a.numStep(), null);
        RexOutput x = TestNetworks.predict(gated, a);
        RexOutput y = TestNetworks.predict(gated, b);
        assertArrayEquals(x.wordProbs(), y.wordProbs(), 1e-6f);
        assertArrayEquals(x.answerProbs(), y.answerProbs(), 1e-6f);
        // ...whereas an unmasked token does
        ids[0 + 2] = ids[2] == 3 ? 4 : 3;
        RexBatch c = new RexBatch(a.batch(), a.regions(), a.featureDim(), a.img(), a.seqLen(), ids, a.tokenType(),
                a.attentionMask(), a.numStep(), null);
        RexOutput z = TestNetworks.predict(gated, c);
        assertTrue(Math.abs(z.answerProb(0, 0) - x.answerProb(0, 0)) > 1e-7);
    }

    @Test
    void gateMixesWordAndRegionDistributionsAsHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 3 words (0 = end), 2 regions; word 1 is region 0's token, word 2 region 1's
            NDArray pWord = m.create(new float[] {0.5f, 0.3f, 0.2f}, new Shape(1, 3));
            NDArray gate = m.create(new float[] {0.6f}, new Shape(1, 1));
            NDArray sim = m.create(new float[] {0.25f, 0.75f}, new Shape(1, 2));
            NDArray mapping = m.create(new float[] {0, 0, 1, 0, 0, 1}, new Shape(3, 2));
            NDArray p = RexNetwork.mixWithRegions(pWord, gate, sim, mapping.transpose());
            // 0.6 * [0.5, 0.3, 0.2] + 0.4 * [0, 0.25, 0.75]
            assertArrayEquals(new float[] {0.3f, 0.28f, 0.42f}, p.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void structureMappingIsTheFixedRegionTokenMatrix() {
        float[] map = gated.parameters().get(RexNetwork.STRUCTURE_MAPPING).getArray().toFloatArray();
        for (int v = 0; v < 41; v++) {
            for (int r = 0; r < 36; r++) {
                assertEquals(v == r + 1 ? 1f : 0f, map[v * 36 + r], "row " + v + " col " + r);
            }
        }
    }

    @Test
    void teacherForcingWithTheGreedyWordsReproducesGreedyDecoding() {
        RexBatch greedy = TestNetworks.batch(config, 2, 6, 9, null);
        RexOutput g = TestNetworks.predict(gated, greedy);
        long[] exp = new long[2 * 6];
        for (int b = 0; b < 2; b++) {
            int[] words = g.argMaxWords(b);
            for (int t = 0; t < 6; t++) {
                exp[b * 6 + t] = words[t];
            }
        }
        RexOutput forced = TestNetworks.predict(gated, TestNetworks.batch(config, 2, 6, 9, exp));
        assertArrayEquals(g.wordProbs(), forced.wordProbs(), 1e-6f);
        // and other previous words give other distributions from step 2 on
        long[] other = exp.clone();
        other[0] = (other[0] + 1) % 41;
        RexOutput changed = TestNetworks.predict(gated, TestNetworks.batch(config, 2, 6, 9, other));
        assertEquals(g.wordProb(0, 0, 3), changed.wordProb(0, 0, 3), 1e-7, "step 1 does not see exp[:, 0]");
        assertTrue(Math.abs(g.wordProb(0, 1, 3) - changed.wordProb(0, 1, 3)) > 1e-9, "step 2 is fed exp[:, 0]");
    }

    @Test
    void wrongInputShapesAreClearErrors() {
        RexBatch b = TestNetworks.batch(config, 1, 4, 1, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestNetworks.predict(gated, new RexBatch(1, 36, 2048, b.img(), 4, b.textInput(),
                        b.tokenType(), b.attentionMask(), 3, new long[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("exp must be"), e.getMessage());
    }

    @Test
    void outOfRangeIndicesAreClearErrors() {
        RexBatch b = TestNetworks.batch(config, 1, 4, 1, null);
        long[] ids = b.textInput().clone();
        ids[1] = config.vocabSize();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestNetworks.predict(gated, new RexBatch(1, 36, 2048, b.img(), 4, ids, b.tokenType(),
                        b.attentionMask(), 0, null)));
        assertTrue(e.getMessage().contains("vocab_size"), e.getMessage());
        long[] exp = new long[6];
        exp[2] = 41;
        e = assertThrows(IllegalArgumentException.class, () -> TestNetworks.predict(gated,
                TestNetworks.batch(config, 1, 4, 1, exp)));
        assertTrue(e.getMessage().contains("exp"), e.getMessage());
    }

    @Test
    void eachThreadWithItsOwnPredictorGetsTheSameOutputs() throws Exception {
        RexBatch batch = TestNetworks.batch(config, 2, 5, 12, null);
        float[] reference = TestNetworks.predict(gated, batch).wordProbs();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.List<java.util.concurrent.Future<float[]>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> {
                    try (RexPredictor p = gated.newPredictor()) {
                        p.predict(batch);
                        return p.predict(batch).wordProbs();
                    }
                }));
            }
            for (java.util.concurrent.Future<float[]> f : runs) {
                assertArrayEquals(reference, f.get(), 0f);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void geluIsTheExactErfForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            float y = Activation.gelu(m.create(new float[] {1f})).toFloatArray()[0];
            assertEquals(0.8413447, y, 1e-6); // 0.5 * (1 + erf(1/sqrt 2)); the tanh form gives 0.841192
        }
    }
}
