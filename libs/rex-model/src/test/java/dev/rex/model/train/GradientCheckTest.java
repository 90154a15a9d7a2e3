package dev.rex.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.rex.model.RexBatch;
import dev.rex.model.RexConfig;
import dev.rex.model.RexModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training loss's analytic gradients (libtorch autograd through our blocks) agree with central finite
 * differences, parameter by parameter: a forward that matches the original is not enough, a block can still
 * compute a wrong or vanishing gradient (as DJL's div(Number) once did).
 */
class GradientCheckTest {
    private static final String[] CHECKED = {"embeddings.word_embeddings.weight", "embeddings.visual_projection.weight",
            "embeddings.LayerNorm.weight", "encoder.layer.0.attention.self.query.weight",
            "encoder.layer.0.attention.self.value.weight", "encoder.layer.1.intermediate.dense.weight",
            "encoder.layer.1.output.LayerNorm.bias", "ans_cls.weight", "att_v.weight", "att_q.weight", "att_h.weight",
            "att.weight", "q_fc.weight", "v_fc.weight", "att_rnn.update_x.weight", "att_rnn.memory_h.weight",
            "language_rnn.reset_x.weight", "language_rnn.memory_x.weight", "language_fc.weight", "exp_embed.weight",
            "structure_gate.weight"};

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        // hidden 16, 2 layers, 2 heads, no dropout (finite differences need a deterministic training forward)
        RexConfig c = new RexConfig(30, 16, 2, 2, 32, 2048, 40, 2, 1e-12, 0.0, 0.0, 6, 36, true, 5, 40);
        int b = 3;
        int len = 7;
        Random rnd = new Random(7);
        float[] img = new float[b * 36 * 2048];
        for (int i = 0; i < img.length; i++) img[i] = rnd.nextFloat() < 0.05 ? 1 + rnd.nextFloat() : 0;
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        for (int i = 0; i < ids.length; i++) {
            boolean real = i % len < len - (i / len);
            ids[i] = real ? 1 + rnd.nextInt(29) : 0;
            mask[i] = real ? 1 : 0;
        }
        long[] exp = {3, 37, 5, 0, 0, 0, 1, 2, 38, 4, 0, 0, 12, 36, 0, 0, 0, 0};
        float[] wordMask = {1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0};
        float[] gate = {0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1};
        long[] answers = {1, 4, 2};
        RexBatch batch = new RexBatch(b, 36, 2048, img, len, ids, new long[b * len], mask, c.numStep(), exp);
        try (RexModel model = RexModel.create(c, 11); NDManager nd = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(nd, false);
            NDList in = batch.toNDList(nd);
            NDArray wm = nd.create(wordMask, new ai.djl.ndarray.types.Shape(b, c.numStep()));
            NDArray gt = nd.create(gate, new ai.djl.ndarray.types.Shape(b, c.numStep()));
            NDArray ans = nd.create(answers);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss(model, store, in, wm, gt, ans));
            }
            StringBuilder report = new StringBuilder();
            boolean ok = true;
            for (String name : CHECKED) {
                NDArray w = model.parameters().get(name).getArray();
                float[] g = w.getGradient().toFloatArray();
                // the three largest analytic components, each against a central difference
                Integer[] order = new Integer[g.length];
                for (int i = 0; i < g.length; i++) order[i] = i;
                java.util.Arrays.sort(order, (x, y) -> Float.compare(Math.abs(g[y]), Math.abs(g[x])));
                for (int k = 0; k < 3; k++) {
                    int i = order[k];
                    double numeric = numeric(model, store, in, wm, gt, ans, w, i);
                    double err = Math.abs(numeric - g[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(g[i]));
                    report.append(String.format("%-45s [%d] analytic %.6g numeric %.6g rel %.3f%n", name, i, g[i],
                            numeric, err));
                    ok &= err < 0.05;
                }
            }
            System.out.print(report);
            assertTrue(ok, report.toString());
        }
    }

    private static double numeric(RexModel model, ParameterStore store, NDList in, NDArray wm, NDArray gt, NDArray ans,
                                  NDArray w, int flat) {
        float[] values = w.toFloatArray();
        float h = 1e-2f * Math.max(1f, Math.abs(values[flat]));
        NDArray flatView = w.reshape(-1);
        float original = values[flat];
        flatView.set(new NDIndex(flat), original + h);
        w.set(flatView.reshape(w.getShape()).toFloatArray());
        double up = loss(model, store, in, wm, gt, ans).getFloat();
        values[flat] = original - h;
        w.set(values);
        double down = loss(model, store, in, wm, gt, ans).getFloat();
        values[flat] = original;
        w.set(values);
        return (up - down) / (2 * h);
    }

    private static NDArray loss(RexModel model, ParameterStore store, NDList in, NDArray wm, NDArray gt, NDArray ans) {
        NDList out = model.network().forward(store, in, true);
        return RexLosses.explanation(out.get(1), in.get(4), wm).add(RexLosses.gate(out.get(2), gt))
                .add(RexLosses.answer(out.get(0), ans));
    }
}
