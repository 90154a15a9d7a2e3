package dev.rex.model;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A predict call leaves no native array behind. Ops whose first operand is a parameter (the transposed structure mapping, an
 * embedding lookup) attach their results to the model's manager, and so does every op downstream of them; that
 * manager lives as long as the model. Before the fix every call left about 110 arrays here (about 5 MB of native
 * memory per question at the "small" size) until the model closed.
 */
class PredictorMemoryTest {
    static final RexConfig CONFIG = TestNetworks.small(true);
    static RexModel model;

    @BeforeAll
    static void create() {
        model = RexModel.create(CONFIG, 5);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Arrays attached to the model's manager or any manager below it (the predictors' own included). */
    static int liveArrays() {
        NDManager root = model.djlModel().getNDManager();
        return root.getManagedArrays().size();
    }

    @Test
    void repeatedPredictionsLeaveNoArraysAttachedToTheModel() {
        RexBatch greedy = TestNetworks.batch(CONFIG, 2, 7, 3, null);
        RexBatch teacher = TestNetworks.batch(CONFIG, 2, 7, 4, new long[] {1, 2, 3, 0, 0, 0, 4, 5, 0, 0, 0, 0});
        try (RexPredictor p = model.newPredictor()) {
            RexOutput first = p.predict(greedy);
            p.predict(teacher);
            int before = liveArrays();
            RexOutput last = null;
            for (int i = 0; i < 100; i++) {
                last = p.predict(greedy);
                p.predict(teacher);
            }
            assertEquals(before, liveArrays(), "arrays left attached to the model after 200 predict calls");
            // the weights survived the clean-up: the same input still gives the same output
            assertArrayEquals(first.answerProbs(), last.answerProbs());
            assertArrayEquals(first.wordProbs(), last.wordProbs());
            assertArrayEquals(first.gate(), last.gate());
        }
    }

    /**
     * The clean-up is per thread: two threads predicting at once on shared weights, each with its own predictor,
     * neither closes the other's arrays mid-forward (both keep the single-thread results) and nothing is left.
     */
    @Test
    void concurrentPredictorsCleanUpOnlyTheirOwnArrays() throws Exception {
        RexBatch[] batches = {TestNetworks.batch(CONFIG, 2, 7, 8, null), TestNetworks.batch(CONFIG, 3, 5, 9, null)};
        RexOutput[] expected = new RexOutput[batches.length];
        try (RexPredictor p = model.newPredictor()) {
            for (int i = 0; i < batches.length; i++) {
                expected[i] = p.predict(batches[i]);
            }
        }
        int before = liveArrays();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int which = t;
                runs.add(pool.submit(() -> {
                    try (RexPredictor p = model.newPredictor()) {
                        for (int i = 0; i < 40; i++) {
                            RexOutput out = p.predict(batches[which]);
                            assertArrayEquals(expected[which].wordProbs(), out.wordProbs(), "thread " + which);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(before, liveArrays(), "arrays left attached to the model by the two threads");
    }
}
