package dev.rex.model.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learning test of issue 9: on a tiny synthetic world the {@code tiny} network, trained multi-task from
 * scratch, answers and explains the val questions far better than the majority baseline.
 */
class LearningTest {
    private static int threads;

    /** One libtorch thread: the tiny network gains nothing from more, and CI machines are small and shared. */
    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        threads = TorchThreads.set(1);
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreThreads() {
        TorchThreads.set(threads);
    }

    @Test
    void tinyModelLearnsTheTinyWorld(@TempDir Path root) throws Exception {
        Path questions = TinyWorld.dir(root, "questions");
        Path data = TinyWorld.dir(root, "data");
        Path featuresDir = TinyWorld.dir(root, "features");
        TinyWorld world = TinyWorld.write(questions, data, Integer.getInteger("rex.learning.images", 200), 30, 1);
        Path out = root.resolve("run");
        TrainingConfig cfg = TrainingConfig.defaults(questions, data, featuresDir, "tiny", TrainMode.MULTITASK, out)
                .withEpochs(Integer.getInteger("rex.learning.epochs", 10)).withBatch(32).withLr(Double.parseDouble(System.getProperty("rex.learning.lr", "2e-3"))).withLogEvery(10);
        List<TrainingListener.EpochResult> epochs = new ArrayList<>();
        Trainer.Result result = new Trainer(cfg, world.featureSource()).run(new TrainingListener() {
            @Override
            public void epoch(EpochResult r) {
                epochs.add(r);
                System.out.printf("epoch %d: train %s val %s (%.1f s, %.0f samples/s)%n", r.epoch() + 1,
                        r.trainLosses(), r.valMetrics(), r.seconds(), r.samplesPerSecond());
            }

            @Override
            public void note(String message) {
                System.out.println(message);
            }
        }, () -> false);

        double baseline = world.majorityBaseline();
        double tokenBaseline = world.tokenBaseline();
        double acc = result.lastValMetrics().get("vqa_accuracy");
        double tokens = result.lastValMetrics().get("token_accuracy");
        System.out.printf("val VQA accuracy %.3f (majority answer %.3f), token accuracy %.3f (majority token per step "
                + "%.3f)%n", acc, baseline, tokens, tokenBaseline);
        assertTrue(acc > baseline + 0.4, "VQA accuracy " + acc + " vs majority " + baseline);
        assertTrue(tokens > tokenBaseline + 0.2, "token accuracy " + tokens + " vs majority " + tokenBaseline);
        assertTrue(result.lastValMetrics().get("bleu_4") > 0.5, "BLEU-4 " + result.lastValMetrics());
        assertTrue(epochs.get(epochs.size() - 1).trainLosses().get("loss") < epochs.get(0).trainLosses().get("loss"));

        assertTrue(Files.isRegularFile(out.resolve("best/model.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve(String.format("epoch-%03d/model.safetensors", cfg.epochs()))));
        assertTrue(Files.isRegularFile(out.resolve("epoch-001/training-state.json")));
        List<String> log = Files.readAllLines(out.resolve(TrainingLog.FILE));
        assertEquals(cfg.epochs(), log.stream().filter(l -> l.contains("\"event\":\"epoch\"")).count());
    }
}
