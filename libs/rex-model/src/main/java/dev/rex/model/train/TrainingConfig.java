package dev.rex.model.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Everything one training run needs; the flags of {@code rex train} and the JSON body of the training service.
 * Defaults are main.py's: 8 epochs, batch 128, gradient-norm clip 0.1, the mode's learning rate.
 *
 * @param questions   folder with {@code {split}_balanced_questions.json}
 * @param data        a GQA-REX build: {@code converted_explanation_{split}.json} and, when present, the dictionaries
 * @param features    the feature store ({@code boxes/}, {@code features/})
 * @param model       {@code tiny}, {@code small}, {@code base} or the path of a config JSON file
 * @param percentage  share of the train questions per question type (VQA transfer), 1..100
 * @param init        checkpoint to start from: required for VQA transfer, optional otherwise (null: fresh weights)
 * @param lr          initial learning rate, null for the mode's default
 * @param out         where epoch-NNN/, best/ and train-log.jsonl go
 * @param evalBatch   validation batch size (64 in main.py)
 * @param logEvery    a step line in the JSONL log every this many steps (25, as main.py logs its summaries)
 * @param limitTrain  use only the first N training samples (0 = all), for benchmarks and smoke runs
 * @param limitVal    validate on only the first N val samples (0 = all)
 */
public record TrainingConfig(Path questions, Path data, Path features, String model, TrainMode mode, int percentage,
                             Path init, int epochs, int batch, Double lr, long seed, Path out, double clipNorm,
                             int evalBatch, int logEvery, int limitTrain, int limitVal) {
    public static final int DEFAULT_EPOCHS = 8;
    public static final int DEFAULT_BATCH = 128;
    public static final int DEFAULT_EVAL_BATCH = 64;
    public static final long DEFAULT_SEED = 42;

    /** The defaults of main.py for the given folders, model and mode. */
    public static TrainingConfig defaults(Path questions, Path data, Path features, String model, TrainMode mode,
                                          Path out) {
        return new TrainingConfig(questions, data, features, model, mode, 100, null, DEFAULT_EPOCHS, DEFAULT_BATCH,
                null, DEFAULT_SEED, out, GradientClipping.DEFAULT_MAX_NORM, DEFAULT_EVAL_BATCH, 25, 0, 0);
    }

    public double initialLr() {
        return lr != null ? lr : mode.defaultLr();
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(questions, data, features, model, mode, percentage, init, n, batch, lr, seed, out,
                clipNorm, evalBatch, logEvery, limitTrain, limitVal);
    }

    public TrainingConfig withBatch(int n) {
        return new TrainingConfig(questions, data, features, model, mode, percentage, init, epochs, n, lr, seed, out,
                clipNorm, evalBatch, logEvery, limitTrain, limitVal);
    }

    public TrainingConfig withLr(Double x) {
        return new TrainingConfig(questions, data, features, model, mode, percentage, init, epochs, batch, x, seed, out,
                clipNorm, evalBatch, logEvery, limitTrain, limitVal);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(questions, data, features, model, mode, percentage, init, epochs, batch, lr, s, out,
                clipNorm, evalBatch, logEvery, limitTrain, limitVal);
    }

    public TrainingConfig withPercentage(int p) {
        return new TrainingConfig(questions, data, features, model, mode, p, init, epochs, batch, lr, seed, out,
                clipNorm, evalBatch, logEvery, limitTrain, limitVal);
    }

    public TrainingConfig withInit(Path dir) {
        return new TrainingConfig(questions, data, features, model, mode, percentage, dir, epochs, batch, lr, seed, out,
                clipNorm, evalBatch, logEvery, limitTrain, limitVal);
    }

    public TrainingConfig withOut(Path dir) {
        return new TrainingConfig(questions, data, features, model, mode, percentage, init, epochs, batch, lr, seed, dir,
                clipNorm, evalBatch, logEvery, limitTrain, limitVal);
    }

    public TrainingConfig withLimits(int train, int val) {
        return new TrainingConfig(questions, data, features, model, mode, percentage, init, epochs, batch, lr, seed, out,
                clipNorm, evalBatch, logEvery, train, val);
    }

    public TrainingConfig withClipNorm(double max) {
        return new TrainingConfig(questions, data, features, model, mode, percentage, init, epochs, batch, lr, seed, out,
                max, evalBatch, logEvery, limitTrain, limitVal);
    }

    public TrainingConfig withLogEvery(int n) {
        return new TrainingConfig(questions, data, features, model, mode, percentage, init, epochs, batch, lr, seed, out,
                clipNorm, evalBatch, n, limitTrain, limitVal);
    }

    /**
     * Checks every field and throws {@link InvalidTrainingConfigException} naming the first bad one, with what to do.
     * Folders are checked for existence only; their content is checked when the data is read.
     */
    public TrainingConfig validate() {
        dir("questions", questions);
        dir("data", data);
        dir("features", features);
        if (model == null || model.isBlank()) {
            throw new InvalidTrainingConfigException("config", "give tiny, small, base or the path of a config JSON file");
        }
        if (!isPreset(model) && !Files.isRegularFile(Path.of(model))) {
            throw new InvalidTrainingConfigException("config", "'" + model
                    + "' is neither tiny, small nor base, nor an existing config JSON file");
        }
        if (mode == null) throw new InvalidTrainingConfigException("mode", "give multitask, exp or vqa");
        if (percentage < 1 || percentage > 100) {
            throw new InvalidTrainingConfigException("percentage", "must be between 1 and 100 (the paper uses 1, 5, 10), got "
                    + percentage);
        }
        if (percentage != 100 && mode != TrainMode.VQA) {
            throw new InvalidTrainingConfigException("percentage", "subsets are for VQA transfer: use it with --mode vqa");
        }
        if (mode.isTransfer() && init == null) {
            throw new InvalidTrainingConfigException("init", "VQA transfer starts from an explanation-only run: give "
                    + "--init with a checkpoint directory of a --mode exp run (e.g. its best/)");
        }
        if (init != null && !Files.isDirectory(init) && !Files.isRegularFile(init)) {
            throw new InvalidTrainingConfigException("init", "no such checkpoint directory, VisualBERT directory or "
                    + "weights file: " + init);
        }
        if (epochs < 1) throw new InvalidTrainingConfigException("epochs", "must be at least 1, got " + epochs);
        if (batch < 1) throw new InvalidTrainingConfigException("batch", "must be at least 1, got " + batch);
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw new InvalidTrainingConfigException("lr", "must be a positive number, got " + lr);
        }
        if (out == null) throw new InvalidTrainingConfigException("out", "give the output folder for the checkpoints");
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidTrainingConfigException("out", out + " exists and is not a folder");
        }
        if (clipNorm < 0) throw new InvalidTrainingConfigException("clip", "must be >= 0 (0 = off), got " + clipNorm);
        if (evalBatch < 1) throw new InvalidTrainingConfigException("evalBatch", "must be at least 1, got " + evalBatch);
        if (logEvery < 1) throw new InvalidTrainingConfigException("logEvery", "must be at least 1, got " + logEvery);
        if (limitTrain < 0 || limitVal < 0) {
            throw new InvalidTrainingConfigException("limit", "sample limits must be >= 0 (0 = all)");
        }
        return this;
    }

    public static boolean isPreset(String model) {
        return dev.rex.model.RexConfig.PRESETS.contains(model.toLowerCase(Locale.ROOT));
    }

    private static void dir(String field, Path p) {
        if (p == null) throw new InvalidTrainingConfigException(field, "give the folder");
        if (!Files.isDirectory(p)) throw new InvalidTrainingConfigException(field, "folder not found: " + p);
    }
}
