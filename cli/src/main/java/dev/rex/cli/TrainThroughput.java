package dev.rex.cli;

import dev.rex.model.RexBatch;
import dev.rex.model.RexConfig;
import dev.rex.model.RexModel;
import dev.rex.model.train.AdamOptimizer;
import dev.rex.model.train.BatchAssembler;
import dev.rex.model.train.TrainingFlops;
import dev.rex.model.train.TrainingStep;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The throughput part of {@code rex bench train}: timed steps of {@link TrainingStep} (the step {@code rex train}
 * takes) on random inputs of the real shapes, split into forward+backward and the optimiser's part (global-norm
 * clipping and Adam), so that the optimiser's share is visible without a PyTorch run beside it.
 */
final class TrainThroughput {
    /** Sizes of the GQA-REX dictionaries and bert-base-uncased's vocabulary. */
    static final int VOCAB = 30522;
    static final int ANSWERS = 1500;
    static final int WORDS = 3000;

    private TrainThroughput() {
    }

    /** One measured (config, batch) pair. */
    record Figures(String config, int batch, double samplesPerSecond, double stepSeconds, double forwardBackward,
                   double update, double gflops) {
        double optimizerShare() {
            return update / stepSeconds;
        }
    }

    static void printHeader(PrintStream out) {
        out.printf(Locale.ROOT, "%-7s %5s %10s %9s %12s %12s %10s %9s%n", "config", "batch", "samples/s", "s/step",
                "fwd+bwd s", "clip+Adam s", "optimizer", "GFLOP/s");
    }

    static void print(PrintStream out, Figures f) {
        out.printf(Locale.ROOT, "%-7s %5d %10.2f %9.3f %12.3f %12.3f %9.1f%% %9.1f%n", f.config(), f.batch(),
                f.samplesPerSecond(), f.stepSeconds(), f.forwardBackward(), f.update(), 100 * f.optimizerShare(),
                f.gflops());
    }

    /** {@code steps} timed steps after one warm-up step (medians are not needed: the steps are alike). */
    static Figures measure(String preset, int batch, int steps, PrintStream progress) {
        RexConfig c = RexConfig.preset(preset, VOCAB, ANSWERS, WORDS);
        int len = BatchAssembler.TRAIN_SEQ_LEN;
        BatchAssembler.TrainBatch data = randomBatch(c, batch, len, new Random(1));
        try (RexModel model = RexModel.create(c, 1);
             AdamOptimizer adam = new AdamOptimizer(model.djlModel().getNDManager())) {
            TrainingStep step = new TrainingStep(model, adam, 0.1, true);
            double total = 0;
            double fb = 0;
            double upd = 0;
            for (int s = 0; s <= steps; s++) {
                long t0 = System.nanoTime();
                TrainingStep.Result r = step.run(data, 1e-4);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (s > 0) {
                    total += seconds;
                    fb += r.forwardBackwardSeconds();
                    upd += r.updateSeconds();
                }
                progress.print(".");
                progress.flush();
            }
            progress.println();
            double rate = steps * batch / total;
            return new Figures(preset, batch, rate, total / steps, fb / steps, upd / steps,
                    rate * TrainingFlops.trainingPerSample(c, len) / 1e9);
        }
    }

    private static BatchAssembler.TrainBatch randomBatch(RexConfig c, int b, int len, Random rnd) {
        float[] img = new float[b * c.numRoi() * c.visualEmbeddingDim()];
        for (int i = 0; i < img.length; i++) img[i] = rnd.nextFloat() < 0.2f ? rnd.nextFloat() * 4 : 0f;
        long[] text = new long[b * len];
        long[] type = new long[b * len];
        long[] mask = new long[b * len];
        for (int i = 0; i < b * len; i++) {
            text[i] = 1 + rnd.nextInt(c.vocabSize() - 1);
            mask[i] = 1;
        }
        long[] exp = new long[b * c.numStep()];
        for (int i = 0; i < exp.length; i++) exp[i] = 1 + rnd.nextInt(c.nbVocab());
        long[] answers = new long[b];
        for (int i = 0; i < b; i++) answers[i] = rnd.nextInt(c.nbAnswer());
        float[] wordMask = new float[b * c.numStep()];
        Arrays.fill(wordMask, 1f);
        float[] gate = new float[b * c.numStep()];
        for (int i = 0; i < gate.length; i++) gate[i] = exp[i] <= c.numRoi() ? 0f : 1f;
        RexBatch inputs = new RexBatch(b, c.numRoi(), c.visualEmbeddingDim(), img, len, text, type, mask,
                c.numStep(), exp);
        return new BatchAssembler.TrainBatch(inputs, answers, wordMask, gate);
    }

    /** Parses "16,32" / "small,base". */
    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
