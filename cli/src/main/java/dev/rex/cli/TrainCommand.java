package dev.rex.cli;

import dev.rex.gqa.features.FeatureStore;
import dev.rex.model.train.FeatureSource;
import dev.rex.model.train.TorchThreads;
import dev.rex.model.train.TrainMode;
import dev.rex.model.train.Trainer;
import dev.rex.model.train.TrainingConfig;
import dev.rex.model.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code rex train}: trains REX as main.py (multitask) or main_transfer.py (exp, vqa) does, writing
 * {@code --out/epoch-NNN/}, {@code --out/best/} and {@code --out/train-log.jsonl}. Running it again with the same
 * flags resumes after the last complete epoch.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train REX: multi-task, explanation-only pretraining, or VQA transfer on a subset.",
                "Writes OUT/epoch-NNN/ after each epoch, OUT/best/ (best validation score) and OUT/train-log.jsonl.",
                "Run it again with the same flags to resume after the last complete epoch."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--questions", required = true, paramLabel = "DIR",
            description = "Folder with train_balanced_questions.json and val_balanced_questions.json (GQA).")
    Path questions;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "GQA-REX build (rex dataset build --out): converted_explanation_{train,val}.json and, when "
                    + "present, exp2idx.json/ans2idx.json (generated into --out otherwise) and vocab.txt.")
    Path data;

    @Option(names = "--features", required = true, paramLabel = "DIR",
            description = "Feature store with boxes/ and features/ (rex features import).")
    Path features;

    @Option(names = "--config", required = true, paramLabel = "tiny|small|base|FILE",
            description = "Model size preset or a config.json file.")
    String config;

    @Option(names = "--mode", required = true, paramLabel = "multitask|exp|vqa",
            description = "multitask: answers+explanations (main.py); exp: explanation-only pretraining; "
                    + "vqa: transfer from --init on a --percentage subset (main_transfer.py).")
    String mode;

    @Option(names = "--percentage", paramLabel = "P", defaultValue = "100",
            description = "VQA transfer: share of train questions per question type (1, 5, 10, 100). Default: ${DEFAULT-VALUE}.")
    int percentage;

    @Option(names = "--init", paramLabel = "DIR|FILE",
            description = "Start from a checkpoint directory or a REX weights file (.pth/.bin/.safetensors; required "
                    + "for vqa: the answer head is new), or from a HuggingFace VisualBERT directory or file (backbone only).")
    Path init;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
            description = "Batch size; the last partial batch of an epoch is skipped. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", paramLabel = "X",
            description = "Initial learning rate. Default: 1e-4 (multitask), 4e-4 (exp, vqa).")
    Double lr;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--clip-norm", paramLabel = "X", defaultValue = "0.1",
            description = "Global gradient-norm clip, 0 = off. Default: ${DEFAULT-VALUE} (main.py).")
    double clipNorm;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch intra-op threads (default: libtorch's). 1 is often fastest on small shared CPUs.")
    Integer threads;

    @Option(names = "--limit-train", paramLabel = "N", defaultValue = "0", hidden = true,
            description = "Use only the first N training samples (smoke runs).")
    int limitTrain;

    @Option(names = "--limit-val", paramLabel = "N", defaultValue = "0", hidden = true,
            description = "Validate on only the first N val samples (smoke runs).")
    int limitVal;

    @Override
    public Integer call() throws Exception {
        TrainingConfig cfg = TrainingConfig.defaults(questions, data, features, config, TrainMode.parse(mode), out)
                .withPercentage(percentage).withInit(init).withEpochs(epochs).withBatch(batch).withLr(lr)
                .withSeed(seed).withClipNorm(clipNorm).withLimits(limitTrain, limitVal).validate();
        if (threads != null) TorchThreads.set(threads);
        PrintStream err = System.err;
        Trainer.Result r = new Trainer(cfg, FeatureSource.of(FeatureStore.open(features))).run(new BarListener(err),
                () -> false);
        System.out.printf(Locale.ROOT, "trained %d epoch(s); last checkpoint %s%n", r.epochsRun(), r.lastCheckpoint());
        if (r.best() != null) {
            System.out.printf(Locale.ROOT, "best: %s (epoch %d, %s %.4f)%n", r.best(), r.bestEpoch() + 1,
                    cfg.mode().selectionMetric(), r.bestScore());
        }
        return 0;
    }

    /** Draws one progress bar per epoch and prints a line per epoch with the validation metrics. */
    static final class BarListener implements TrainingListener {
        private final PrintStream err;
        private ProgressBar bar;

        BarListener(PrintStream err) {
            this.err = err;
        }

        @Override
        public void started(RunInfo info) {
            err.printf(Locale.ROOT, "%s: %d train / %d val questions, %d steps per epoch, %,d parameters; skipped %s%n",
                    info.mode().cliName(), info.trainSamples(), info.valSamples(), info.stepsPerEpoch(),
                    info.parameters(), info.trainSkipped());
        }

        @Override
        public void note(String message) {
            err.println(message);
        }

        @Override
        public void step(StepProgress p) {
            if (bar == null) bar = new ProgressBar("epoch " + (p.epoch() + 1), p.stepsPerEpoch(), err);
            bar.update(p.step(), String.format(Locale.ROOT, "loss %.3f %s %.0f samples/s, run ETA %s", p.losses().get("loss"),
                    p.losses().entrySet().stream().filter(e -> !e.getKey().equals("loss"))
                            .map(e -> e.getKey().replace("_loss", "") + " " + String.format(Locale.ROOT, "%.3f", e.getValue()))
                            .collect(Collectors.joining(" ")),
                    p.samplesPerSecond(), ProgressBar.format(java.time.Duration.ofSeconds((long) p.etaSeconds()))));
        }

        @Override
        public void epoch(EpochResult r) {
            if (bar != null) bar.close();
            bar = null;
            err.printf(Locale.ROOT, "epoch %d/%d: train %s%s (%.0f s, %.1f samples/s)%s%n", r.epoch() + 1, r.epochs(),
                    format(r.trainLosses()), r.valMetrics().isEmpty() ? "" : "; val " + format(r.valMetrics()),
                    r.seconds(), r.samplesPerSecond(), r.best() ? " [best]" : "");
        }

        static String format(Map<String, Double> m) {
            return m.entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }
}
