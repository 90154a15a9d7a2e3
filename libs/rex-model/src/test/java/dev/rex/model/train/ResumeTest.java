package dev.rex.model.train;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded and resumable: two epochs in one go and one epoch plus a resumed second give byte-identical weights; a
 * cancelled run leaves its last epoch checkpoint, and a run with other settings refuses to continue it.
 */
class ResumeTest {
    private static int threads;

    @BeforeAll
    static void oneThread() {
        threads = TorchThreads.set(1);
    }

    @AfterAll
    static void restoreThreads() {
        TorchThreads.set(threads);
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path root) throws Exception {
        Path questions = TinyWorld.dir(root, "questions");
        Path data = TinyWorld.dir(root, "data");
        Path features = TinyWorld.dir(root, "features");
        TinyWorld world = TinyWorld.write(questions, data, 20, 4, 5);
        TrainingConfig cfg = TrainingConfig.defaults(questions, data, features, "tiny", TrainMode.MULTITASK,
                root.resolve("straight")).withEpochs(2).withBatch(16).withLr(1e-3).withLogEvery(1);

        new Trainer(cfg, world.featureSource()).run(TrainingListener.NONE, () -> false);
        Path resumed = root.resolve("resumed");
        new Trainer(cfg.withOut(resumed).withEpochs(1), world.featureSource()).run(TrainingListener.NONE, () -> false);
        assertFalse(Files.exists(resumed.resolve("epoch-002")));
        // the resumed half runs on a fresh thread, as a service's worker would (libtorch's grad mode is per thread)
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            worker.submit(() -> new Trainer(cfg.withOut(resumed), world.featureSource())
                    .run(TrainingListener.NONE, () -> false)).get();
        } finally {
            worker.shutdown();
        }

        // a step skipped for a non-finite gradient (DJL's freed scalar, see the train package's javadoc) is not reproducible
        for (Path out : new Path[]{cfg.out(), resumed}) {
            Assumptions.assumeFalse(Files.readString(out.resolve(TrainingLog.FILE)).contains("skipped_step"),
                    "a training step was skipped for a non-finite gradient; exact reproducibility not checkable");
        }
        byte[] a = Files.readAllBytes(cfg.out().resolve("epoch-002/model.safetensors"));
        byte[] b = Files.readAllBytes(resumed.resolve("epoch-002/model.safetensors"));
        assertTrue(Arrays.equals(a, b), "resumed weights differ from the uninterrupted run's");
        assertEquals(TrainingState.read(cfg.out().resolve("epoch-002")).globalStep(),
                TrainingState.read(resumed.resolve("epoch-002")).globalStep());
        assertFalse(Files.exists(cfg.out().resolve("epoch-001/" + ResumePoint.OPTIMIZER)),
                "only the latest epoch keeps the optimizer state");

        assertEquals("out", assertThrows(InvalidTrainingConfigException.class,
                () -> new Trainer(cfg.withSeed(7).withEpochs(3), world.featureSource())
                        .run(TrainingListener.NONE, () -> false)).field());

        Path cancelled = root.resolve("cancelled");
        assertThrows(TrainingCancelledException.class, () -> new Trainer(cfg.withOut(cancelled),
                world.featureSource()).run(TrainingListener.NONE, () -> true));
        assertFalse(Files.exists(cancelled.resolve("epoch-001")));
    }
}
