package dev.rex.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backward pass must not read memory the JVM may free between forward and backward.
 *
 * <p>Regression for the intermittent NaN gradients of {@code encoder.layer.<last>.attention.self.{query,key}} and
 * everything below: DJL's {@code NDArray.div(Number)} wraps the number in a libtorch tensor that borrows a Java
 * direct buffer ({@code from_blob}) and closes it at once, while autograd keeps that tensor to compute the
 * gradient of the division. Once a GC frees the buffer and the memory is reused, the backward divides by whatever
 * is there. This test forces exactly that: a GC, then fresh (zeroed) direct buffers in the freed memory, between
 * forward and backward, and requires every gradient to equal the one of an undisturbed backward.
 */
class BackwardAfterGcTest {
    private static final int TRIALS = 3;

    @Test
    void gradientsAreUnchangedByAGcBetweenForwardAndBackward() throws InterruptedException {
        RexConfig c = TestNetworks.small(true);
        long[] exp = {3, 0, 5, 7, 0, 0, 1, 2, 0, 4, 0, 0};
        try (RexModel m = RexModel.create(c, 11); NDManager nd = NDManager.newBaseManager()) {
            Map<String, float[]> reference = gradients(m, nd, exp, false);
            for (Map.Entry<String, float[]> e : reference.entrySet()) {
                assertTrue(finite(e.getValue()), "undisturbed backward already gives a non-finite " + e.getKey());
            }
            for (int trial = 0; trial < TRIALS; trial++) {
                Map<String, float[]> disturbed = gradients(m, nd, exp, true);
                List<String> broken = new ArrayList<>();
                disturbed.forEach((name, g) -> {
                    if (!finite(g)) {
                        broken.add(name);
                    }
                });
                assertTrue(broken.isEmpty(), "trial " + trial + ": non-finite gradients after a GC between forward "
                        + "and backward: " + broken);
                for (Map.Entry<String, float[]> e : reference.entrySet()) {
                    float[] got = disturbed.get(e.getKey());
                    float[] want = e.getValue();
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 1e-6f + 1e-4f * Math.abs(want[i]),
                                "trial " + trial + ": gradient of " + e.getKey() + " [" + i + "] changed");
                    }
                }
            }
        }
    }

    /**
     * One forward (evaluation mode: no dropout, so every run is the same computation) and backward of a loss over
     * all three outputs; with {@code disturb}, a GC and a burst of direct buffers run in between.
     */
    private static Map<String, float[]> gradients(RexModel m, NDManager nd, long[] exp, boolean disturb)
            throws InterruptedException {
        Map<String, float[]> grads = new LinkedHashMap<>();
        try (NDManager batch = nd.newSubManager()) {
            NDList in = TestNetworks.batch(m.config(), 2, 5, 3, exp).toNDList(batch);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.zeroGradients();
                NDList out = m.network().forward(new ParameterStore(batch, false), in, false);
                NDArray loss = out.get(1).add(1e-6f).log().neg().mean().add(out.get(0).log().neg().mean())
                        .add(out.get(2).mean());
                List<ByteBuffer> reuse = disturb ? reuseFreedDirectMemory() : List.of();
                gc.backward(loss);
                assertTrue(reuse.size() > 0 || !disturb);
            }
            for (Map.Entry<String, Parameter> p : m.parameters().entrySet()) {
                if (p.getValue().requiresGradient()) {
                    grads.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
                }
            }
        }
        return grads;
    }

    /** Lets the GC free unreachable direct buffers, then takes small zero-filled ones (likely the same memory). */
    private static List<ByteBuffer> reuseFreedDirectMemory() throws InterruptedException {
        System.gc();
        Thread.sleep(50);   // the buffers' cleaner frees their memory on its own thread
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            held.add(ByteBuffer.allocateDirect(i % 2 == 0 ? 4 : 8));
        }
        return held;
    }

    private static boolean finite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
