package dev.rex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The shared tiny checkpoint reproduces the original PyTorch module's outputs within 1e-5 (issue 6). */
class OriginalOutputsTest {
    static final double TOLERANCE = 1e-5;
    static Path dir;
    static RexModel model;

    /** Per test, so that each one is reported as skipped (with the reason) when the shared folder is absent. */
    @BeforeEach
    void load() throws Exception {
        dir = SharedFixture.rexNetwork();
        if (model == null) {
            model = RexCheckpoint.load(dir);
        }
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void greedyDecodingMatchesTheOriginal() throws Exception {
        check("input.npz", "expected.npz");
    }

    @Test
    void teacherForcingMatchesTheOriginal() throws Exception {
        check("input_teacher.npz", "expected_teacher.npz");
    }

    private void check(String input, String expected) throws Exception {
        try (NDManager m = NDManager.newBaseManager(); RexPredictor p = model.newPredictor()) {
            RexOutput out = p.predict(RexBatch.fromNamed(NamedArrays.read(m, dir.resolve(input))));
            assertClose(NamedArrays.read(m, dir.resolve(expected)), out.toNamedList(m), TOLERANCE);
        }
    }

    /** Every expected array is present with the same shape and within {@code tol} everywhere. */
    static void assertClose(NDList expected, NDList actual, double tol) {
        for (NDArray e : expected) {
            NDArray a = actual.get(e.getName());
            assertNotNull(a, "missing output " + e.getName());
            assertEquals(e.getShape(), a.getShape(), e.getName());
            float[] ev = e.toFloatArray();
            float[] av = a.toFloatArray();
            double worst = 0;
            for (int i = 0; i < ev.length; i++) {
                worst = Math.max(worst, Math.abs(ev[i] - av[i]));
            }
            assertEquals(0, worst, tol, e.getName() + ": largest difference " + worst);
        }
        assertEquals(expected.size(), actual.size(), "number of outputs");
    }
}
