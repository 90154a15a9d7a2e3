package dev.rex.training.runs;

import java.util.List;
import java.util.Map;

/**
 * A training run as {@code GET /api/training-runs/{id}} shows it (the list omits {@code epochMetrics}).
 * Epochs are 1-based.
 *
 * @param step         optimiser steps done so far (the run's global step)
 * @param losses       the losses of the last reported step
 * @param modelVersion version of the last best checkpoint announced on {@code rex.models}
 */
public record TrainingRunView(String id, RunStatus status, String mode, String modelName, Map<String, Object> request,
                              String outDir, int epochs, Integer trainSamples, Integer valSamples, Integer stepsPerEpoch,
                              long step, Map<String, Double> losses, Double samplesPerSecond, Integer bestEpoch,
                              Double bestScore, String modelVersion, String message, boolean cancelRequested,
                              String createdAt, String startedAt, String finishedAt, List<EpochMetrics> epochMetrics) {

    /** One finished epoch: mean training losses, validation metrics (empty when it did not validate). */
    public record EpochMetrics(int epoch, Map<String, Double> trainLosses, Map<String, Double> valMetrics, boolean best,
                               String checkpoint, double seconds, double samplesPerSecond) {
    }
}
