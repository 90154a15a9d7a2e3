package dev.rex.model.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a training run reports while it runs. The CLI draws a progress bar from it, the training service turns it
 * into {@code rex.training.progress} / {@code rex.models} events and database rows. Every method has an empty
 * default; calls come from the training thread, in order.
 */
public interface TrainingListener {

    /** Data read: sample counts, skips per reason, and where the run starts (a resumed run starts later). */
    default void started(RunInfo info) {
    }

    /** After each optimiser step. */
    default void step(StepProgress progress) {
    }

    /** After an epoch's checkpoint (and validation when this epoch validates). */
    default void epoch(EpochResult result) {
    }

    /** After a validation pass: the metrics and every val prediction (for grounding and reports). */
    default void validated(int epoch, Validation.Result result) {
    }

    /** A checkpoint directory was written: {@code best} true for {@code out/best/}. */
    default void checkpoint(Path dir, boolean best, int epoch, Map<String, Double> valMetrics) {
    }

    /** Free-text notes worth showing (dictionaries generated, resume, metric fallbacks). */
    default void note(String message) {
    }

    TrainingListener NONE = new TrainingListener() {
    };

    record RunInfo(TrainMode mode, int trainSamples, int valSamples, Map<SkipReason, Integer> trainSkipped,
                   int stepsPerEpoch, int epochs, int startEpoch, int nbVocab, int nbAnswer, long parameters) {
    }

    /**
     * @param epoch             0-based epoch
     * @param step              1-based step within the epoch
     * @param losses            this step's losses: "loss", "exp_loss", "gate_loss" and, with answers, "ans_loss"
     * @param samplesPerSecond  training throughput since the epoch started
     * @param etaSeconds        estimated time to the end of the run (training steps only)
     */
    record StepProgress(int epoch, int step, int stepsPerEpoch, long globalStep, Map<String, Double> losses,
                        double lr, double gradNorm, double samplesPerSecond, double etaSeconds) {
    }

    /**
     * @param trainLosses mean of each loss over the epoch's steps
     * @param valMetrics  validation metrics (empty when this epoch does not validate)
     * @param best        whether this epoch became {@code best/}
     */
    record EpochResult(int epoch, int epochs, Map<String, Double> trainLosses, Map<String, Double> valMetrics,
                       boolean best, Path checkpoint, double seconds, double samplesPerSecond) {
    }
}
