package dev.rex.model;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A predict call leaves no native array behind. Ops whose first operand is a parameter (a transposed weight, an
 * embedding lookup) attach their results to the model's manager, which lives as long as the model: before the
 * fix every call left a few hundred such arrays (about 5 MB per question at the "small" size) until the model closed.
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

    @Test
    void aRejectedBatchLeavesNoArraysEither() {
        // text ids beyond vocab_size fail the network's own input check, after the inputs were created
        RexBatch good = TestNetworks.batch(CONFIG, 1, 4, 6, null);
        long[] bad = new long[] {1, 2, CONFIG.vocabSize() + 5, 0};
        RexBatch wrong = new RexBatch(1, CONFIG.numRoi(), CONFIG.visualEmbeddingDim(), good.img(), 4, bad,
                new long[4], new long[] {1, 1, 1, 0}, CONFIG.numStep(), null);
        try (RexPredictor p = model.newPredictor()) {
            p.predict(good);
            int before = liveArrays();
            for (int i = 0; i < 20; i++) {
                assertThrows(IllegalArgumentException.class, () -> p.predict(wrong));
            }
            assertEquals(before, liveArrays(), "arrays left attached to the model after rejected batches");
        }
    }
}
