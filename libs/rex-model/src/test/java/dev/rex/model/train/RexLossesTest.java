package dev.rex.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each loss of loss.py on small hand-made inputs; expected values computed by hand (natural logs). */
class RexLossesTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void explanationLossIsMaskedMeanPerSampleThenBatchMean() {
        NDArray probs = manager.create(new float[]{
                0.2f, 0.5f, 0.3f, 0.6f, 0.1f, 0.3f, 0.3f, 0.3f, 0.4f,
                0f, 1f, 0f, 0.25f, 0.25f, 0.5f, 1f, 0f, 0f}, new Shape(2, 3, 3));
        NDArray targets = manager.create(new long[]{1, 0, 0, 0, 2, 0}, new Shape(2, 3));
        NDArray mask = manager.create(new float[]{1, 1, 0, 1, 1, 1}, new Shape(2, 3));
        // sample 0: (-ln .5 - ln .6)/2 = 0.6019864; sample 1: p=0 clamps to 1e-16: (36.841361 + 0.693147 + 0)/3
        float expected = (0.6019864f + 37.534508f / 3) / 2;
        assertEquals(expected, RexLosses.explanation(probs, targets, mask).getFloat(), 1e-4);
    }

    @Test
    void explanationLossOfAnAllMaskedSampleIsZeroNotNaN() {
        NDArray probs = manager.create(new float[]{0.5f, 0.5f, 0.1f, 0.9f}, new Shape(1, 2, 2));
        NDArray targets = manager.create(new long[]{1, 0}, new Shape(1, 2));
        NDArray mask = manager.zeros(new Shape(1, 2));
        assertEquals(0f, RexLosses.explanation(probs, targets, mask).getFloat(), 0f);
    }

    @Test
    void answerLossIsMeanNegativeLogLikelihood() {
        NDArray probs = manager.create(new float[]{0.1f, 0.9f, 0.7f, 0.3f}, new Shape(2, 2));
        NDArray answers = manager.create(new int[]{1, 1});
        // (-ln .9 - ln .3)/2
        assertEquals(0.6546667f, RexLosses.answer(probs, answers).getFloat(), 1e-5);
    }

    @Test
    void gateLossIsClassBalancedPerSample() {
        NDArray gate = manager.create(new float[]{0.8f, 0.3f, 0.6f, 0.9f, 0.5f, 0.5f, 0.5f, 0.5f}, new Shape(2, 4));
        NDArray target = manager.create(new float[]{1, 0, 1, 1, 1, 1, 1, 1}, new Shape(2, 4));
        // sample 0: neg = mean(target) = .75, pos = .25:
        //   -(.25·(ln .8 + ln .6 + ln .9) + .75·ln .7) = 0.2098324 + 0.2675062 = 0.4773386
        // sample 1: all ones → pos weight 0 and no negatives: loss 0 (a quirk of the original weighting)
        assertEquals(0.4773386f / 2, RexLosses.gate(gate, target).getFloat(), 1e-5);
    }

    @Test
    void gateLossClampsAtTheBounds() {
        NDArray gate = manager.create(new float[]{1f, 0f}, new Shape(1, 2));
        NDArray target = manager.create(new float[]{0, 1}, new Shape(1, 2));
        // neg = pos = .5; both terms hit log(1e-16): .5·36.841361·2
        assertEquals(36.841361f, RexLosses.gate(gate, target).getFloat(), 1e-3);
    }
}
