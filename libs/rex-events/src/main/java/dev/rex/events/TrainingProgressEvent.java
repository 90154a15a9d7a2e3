package dev.rex.events;

import java.util.Map;

/**
 * {@code rex.training.progress}, keyed by run id: where a training run is.
 *
 * @param examples         training examples (explained questions) available to the run
 * @param losses           named losses of the last step, in a stable order (e.g. answer, explanation, gate, total)
 * @param samplesPerSecond throughput of the last reporting interval
 * @param valMetrics       the epoch's validation metrics (raw scale, e.g. vqaAccuracy, cider) on the
 *                         {@code VALIDATING} event of an epoch; empty otherwise (optional, added within schema
 *                         version 1: dashboards draw the validation curves from it)
 */
public record TrainingProgressEvent(String id, String correlationId, int schemaVersion,
                                    String runId, String modelName, Phase phase,
                                    int epoch, long step, long totalSteps, long examples,
                                    Map<String, Double> losses, double samplesPerSecond, double learningRate,
                                    String message, Map<String, Double> valMetrics) implements RexEvent {
    public enum Phase {
        /** Gathering training examples from {@code rex.explanations}; no run is training yet. */
        COLLECTING, STARTED, TRAINING, VALIDATING, FINISHED, FAILED
    }

    public TrainingProgressEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(runId, "runId");
        Require.text(modelName, "modelName");
        Require.notNull(phase, "phase");
        Require.nonNegative(epoch, "epoch");
        Require.nonNegative(step, "step");
        Require.nonNegative(totalSteps, "totalSteps");
        Require.nonNegative(examples, "examples");
        losses = Require.map(losses);
        valMetrics = Require.map(valMetrics);
    }

    /** An event without validation metrics (the form before {@code valMetrics} was added). */
    public TrainingProgressEvent(String id, String correlationId, int schemaVersion, String runId, String modelName,
                                 Phase phase, int epoch, long step, long totalSteps, long examples,
                                 Map<String, Double> losses, double samplesPerSecond, double learningRate,
                                 String message) {
        this(id, correlationId, schemaVersion, runId, modelName, phase, epoch, step, totalSteps, examples, losses,
                samplesPerSecond, learningRate, message, Map.of());
    }

    @Override
    public String key() {
        return runId;
    }
}
