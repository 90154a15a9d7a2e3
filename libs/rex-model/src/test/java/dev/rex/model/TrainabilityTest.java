package dev.rex.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forward pass records gradients for training, and training mode turns dropout on. */
class TrainabilityTest {
    @Test
    void gradientsReachTheBackboneAndBothGrusButNotThePaddingRow() {
        RexConfig c = TestNetworks.small(true);
        long[] exp = {3, 0, 5, 7, 0, 0, 1, 2, 0, 4, 0, 0};
        try (RexModel m = RexModel.create(c, 4); NDManager nd = NDManager.newBaseManager()) {
            NDList in = TestNetworks.batch(c, 2, 5, 3, exp).toNDList(nd);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = m.network().forward(new ParameterStore(nd, false), in, true);
                NDArray loss = out.get(1).add(1e-6f).log().neg().mean().add(out.get(0).log().neg().mean())
                        .add(out.get(2).mean());
                gc.backward(loss);
            }
            Map<String, ai.djl.nn.Parameter> p = m.parameters();
            for (String name : new String[] {"embeddings.word_embeddings.weight", "encoder.layer.0.attention.self.query"
                    + ".weight", "att_rnn.update_x.weight", "language_rnn.memory_h.weight", "structure_gate.weight",
                    "ans_cls.weight", "exp_embed.weight"}) {
                NDArray g = p.get(name).getArray().getGradient();
                assertTrue(g.abs().sum().getFloat() > 0, "no gradient for " + name);
            }
            NDArray padRow = p.get("exp_embed.weight").getArray().getGradient().get(new NDIndex("0"));
            assertEquals(0f, padRow.abs().sum().getFloat(), "index 0 is padding_idx: no gradient");
        }
    }

    @Test
    void dropoutActsInTrainingOnlyAndThePredictorIsDeterministic() {
        RexConfig c = TestNetworks.small(true);
        try (RexModel m = RexModel.create(c, 4); NDManager nd = NDManager.newBaseManager()) {
            RexBatch batch = TestNetworks.batch(c, 1, 5, 3, null);
            ParameterStore store = new ParameterStore(nd, false);
            float[] eval1 = m.network().forward(store, batch.toNDList(nd), false).get(0).toFloatArray();
            float[] eval2 = m.network().forward(store, batch.toNDList(nd), false).get(0).toFloatArray();
            assertArrayEquals(eval1, eval2, 0f);
            assertArrayEquals(eval1, TestNetworks.predict(m, batch).answerProbs(), 1e-6f);
            float[] train = m.network().forward(store, batch.toNDList(nd), true).get(0).toFloatArray();
            boolean differs = false;
            for (int i = 0; i < train.length; i++) {
                differs |= Math.abs(train[i] - eval1[i]) > 1e-6;
            }
            assertTrue(differs, "dropout 0.1 must change the training-mode forward pass");
        }
    }
}
