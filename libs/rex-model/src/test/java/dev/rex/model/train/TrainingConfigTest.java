package dev.rex.model.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad settings are refused with the field named (the service's 400 relies on it); mode rules of the original. */
class TrainingConfigTest {

    private static TrainingConfig base(Path dir, TrainMode mode) throws Exception {
        Path q = Files.createDirectories(dir.resolve("q"));
        Path d = Files.createDirectories(dir.resolve("d"));
        Path f = Files.createDirectories(dir.resolve("f"));
        return TrainingConfig.defaults(q, d, f, "tiny", mode, dir.resolve("out"));
    }

    private static String field(Runnable r) {
        return assertThrows(InvalidTrainingConfigException.class, r::run).field();
    }

    @Test
    void defaultsAreTheOriginals(@TempDir Path dir) throws Exception {
        TrainingConfig c = base(dir, TrainMode.MULTITASK).validate();
        assertEquals(8, c.epochs());
        assertEquals(128, c.batch());
        assertEquals(0.1, c.clipNorm());
        assertEquals(1e-4, c.initialLr());
        assertEquals(4e-4, base(dir, TrainMode.EXP).initialLr());
        assertEquals(2e-3, c.withLr(2e-3).initialLr());
    }

    @Test
    void eachBadFieldIsNamed(@TempDir Path dir) throws Exception {
        TrainingConfig c = base(dir, TrainMode.MULTITASK);
        assertEquals("questions", field(() -> new TrainingConfig(dir.resolve("missing"), c.data(), c.features(),
                "tiny", TrainMode.MULTITASK, 100, null, 8, 128, null, 1, c.out(), 0.1, 64, 25, 0, 0).validate()));
        assertEquals("epochs", field(() -> c.withEpochs(0).validate()));
        assertEquals("batch", field(() -> c.withBatch(0).validate()));
        assertEquals("lr", field(() -> c.withLr(-1.0).validate()));
        assertEquals("percentage", field(() -> c.withPercentage(0).validate()));
        assertEquals("percentage", field(() -> c.withPercentage(10).validate()), "subsets are for --mode vqa only");
        assertEquals("config", field(() -> new TrainingConfig(c.questions(), c.data(), c.features(), "huge",
                TrainMode.MULTITASK, 100, null, 8, 128, null, 1, c.out(), 0.1, 64, 25, 0, 0).validate()));
        TrainingConfig vqa = base(dir, TrainMode.VQA);
        assertEquals("init", field(vqa::validate));
        assertEquals("init", field(() -> vqa.withInit(dir.resolve("nope")).validate()));
    }

    @Test
    void modesFollowTheOriginalScripts() {
        assertEquals(TrainMode.VQA, TrainMode.parse("VQA"));
        assertThrows(IllegalArgumentException.class, () -> TrainMode.parse("joint"));
        assertEquals("vqa_accuracy", TrainMode.MULTITASK.selectionMetric());
        assertEquals("cider", TrainMode.EXP.selectionMetric());
        assertFalse(TrainMode.EXP.trainsAnswers());
        for (int e = 0; e < 8; e++) {
            assertTrue(TrainMode.MULTITASK.validatesAfter(e, 8));
            assertTrue(TrainMode.EXP.validatesAfter(e, 8));
        }
        // VQA transfer: every 5th epoch and the last
        assertFalse(TrainMode.VQA.validatesAfter(0, 8));
        assertTrue(TrainMode.VQA.validatesAfter(4, 8));
        assertFalse(TrainMode.VQA.validatesAfter(5, 8));
        assertTrue(TrainMode.VQA.validatesAfter(7, 8));
    }

    @Test
    void batchOrderSkipsThePartialBatchAndDependsOnlyOnSeedAndEpoch() {
        assertEquals(3, BatchOrder.stepsPerEpoch(100, 32));
        int[] a = BatchOrder.permutation(50, 7, 3);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(BatchOrder.permutation(50, 7, 3)));
        assertFalse(java.util.Arrays.equals(a, BatchOrder.permutation(50, 7, 4)));
        int[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) assertEquals(i, sorted[i]);
    }
}
