package dev.rex.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PyTorch-semantics Adam and global-norm clipping, against values computed by hand. */
class AdamOptimizerTest {

    private static void backwardSquare(NDArray p) {
        AdamOptimizer.zeroGradients(List.of(new NamedParameter("p", p)));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.square().sum());
        }
    }

    @Test
    void twoStepsOnASquareMatchTorchAdam(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager(); AdamOptimizer adam = new AdamOptimizer(m)) {
            NDArray p = m.create(new float[]{1f});
            p.setRequiresGradient(true);
            List<NamedParameter> params = List.of(new NamedParameter("p", p));
            backwardSquare(p); // g = 2
            adam.step(params, 0.1, 1.0);
            assertEquals(0.9f, p.toFloatArray()[0], 1e-6); // m̂=2, v̂=4: 0.1·2/2
            backwardSquare(p); // g = 1.8: m=.36, v=.007236 → m̂=1.894737, v̂=3.619810 → step .0995878
            adam.step(params, 0.1, 1.0);
            assertEquals(0.8004122f, p.toFloatArray()[0], 1e-6);

            // resume: a fresh optimizer loaded from the saved state takes the same third step
            adam.save(dir.resolve("opt.npz"));
            NDArray q = m.create(new float[]{0.8004122f});
            q.setRequiresGradient(true);
            try (AdamOptimizer resumed = new AdamOptimizer(m)) {
                resumed.load(dir.resolve("opt.npz"));
                assertEquals(2, resumed.stepCount());
                backwardSquare(p);
                adam.step(params, 0.1, 1.0);
                backwardSquare(q);
                resumed.step(List.of(new NamedParameter("p", q)), 0.1, 1.0);
                assertEquals(p.toFloatArray()[0], q.toFloatArray()[0], 1e-7);
            }
        }
    }

    /**
     * The fused update over a group of differently shaped tensors equals torch.optim.Adam's per-tensor formula
     * (computed here in double) for three steps with a clipping factor, and tensors without a gradient stay put.
     */
    @Test
    void theFusedGroupUpdateIsTorchAdamPerTensor() {
        try (NDManager m = NDManager.newBaseManager(); AdamOptimizer adam = new AdamOptimizer(m)) {
            java.util.Random rnd = new java.util.Random(7);
            long[][] shapes = {{3, 4}, {5}, {2, 1, 3}};
            List<NamedParameter> params = new java.util.ArrayList<>();
            double[][] w = new double[shapes.length][];
            double[][] mo = new double[shapes.length][];
            double[][] ve = new double[shapes.length][];
            for (int i = 0; i < shapes.length; i++) {
                ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(shapes[i]);
                float[] init = new float[(int) shape.size()];
                for (int k = 0; k < init.length; k++) init[k] = (float) rnd.nextGaussian();
                NDArray p = m.create(init, shape);
                p.setRequiresGradient(true);
                params.add(new NamedParameter("p" + i, p));
                w[i] = new double[init.length];
                for (int k = 0; k < init.length; k++) w[i][k] = init[k];
                mo[i] = new double[init.length];
                ve[i] = new double[init.length];
            }
            NDArray frozen = m.create(new float[]{4f, 5f});
            params.add(new NamedParameter("frozen", frozen));
            double lr = 0.01;
            double scale = 0.37;
            for (int t = 1; t <= 3; t++) {
                AdamOptimizer.zeroGradients(params);
                float[][] targets = new float[shapes.length][];
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = null;
                    for (int i = 0; i < shapes.length; i++) {
                        NDArray p = params.get(i).array();
                        targets[i] = new float[(int) p.size()];
                        for (int k = 0; k < targets[i].length; k++) targets[i][k] = (float) rnd.nextGaussian();
                        NDArray term = p.sub(m.create(targets[i], p.getShape())).square().sum();
                        loss = loss == null ? term : loss.add(term);
                    }
                    gc.backward(loss);
                }
                float[][] grads = new float[shapes.length][];
                for (int i = 0; i < shapes.length; i++) grads[i] = params.get(i).array().getGradient().toFloatArray();
                adam.step(params, lr, scale);
                double bc1 = 1 - Math.pow(0.9, t);
                double bc2 = 1 - Math.pow(0.999, t);
                for (int i = 0; i < shapes.length; i++) {
                    float[] now = params.get(i).array().toFloatArray();
                    for (int k = 0; k < now.length; k++) {
                        double g = grads[i][k] * scale;
                        mo[i][k] = 0.9 * mo[i][k] + 0.1 * g;
                        ve[i][k] = 0.999 * ve[i][k] + 0.001 * g * g;
                        w[i][k] -= lr / bc1 * mo[i][k] / (Math.sqrt(ve[i][k]) / Math.sqrt(bc2) + 1e-8);
                        assertEquals(w[i][k], now[k], 1e-5, "step " + t + " p" + i + "[" + k + "]");
                        w[i][k] = now[k]; // follow the float32 trajectory
                    }
                }
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(new float[]{4f, 5f}, frozen.toFloatArray());
            assertEquals(3, adam.stepCount());
        }
    }

    @Test
    void zeroingClearsNaNGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[]{1f, 2f});
            p.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(p.log().mul(Float.NaN).sum());
            }
            assertEquals(Float.NaN, p.getGradient().toFloatArray()[0]);
            AdamOptimizer.zeroGradients(List.of(new NamedParameter("p", p)));
            org.junit.jupiter.api.Assertions.assertArrayEquals(new float[]{0f, 0f}, p.getGradient().toFloatArray());
            assertEquals(Double.NaN, 0 * 0.0 / 0); // sanity: NaN compares equal in assertEquals(double)
        }
    }

    @Test
    void clippingScalesByTheGlobalNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[]{1.5f});
            NDArray b = m.create(new float[]{2f});
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(a.square().add(b.square()).sum()); // grads 3 and 4
            }
            List<NamedParameter> params = List.of(new NamedParameter("a", a), new NamedParameter("b", b));
            double norm = GradientClipping.globalNorm(params);
            assertEquals(5.0, norm, 1e-6);
            assertEquals(0.1 / (5 + 1e-6), GradientClipping.scale(norm, 0.1), 1e-12);
            assertEquals(1.0, GradientClipping.scale(0.05, 0.1), 0);
            assertEquals(1.0, GradientClipping.scale(5, 0), 0);
        }
    }
}
