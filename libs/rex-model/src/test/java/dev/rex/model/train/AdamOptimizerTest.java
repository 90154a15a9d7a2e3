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
