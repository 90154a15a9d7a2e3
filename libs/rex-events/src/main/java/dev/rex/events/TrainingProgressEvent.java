package dev.rex.events;

import java.util.Map;

/**
 * {@code rex.training.progress}, keyed by run id: where a training run is.
 *
 * @param examples         training examples (explained questions) available to the run
 * @param losses           named losses of the last step, in a stable order (e.g. answer, explanation, gate, total)
 * @param samplesPerSecond throughput of the last reporting interval
 */
public record TrainingProgressEvent(String id, String correlationId, int schemaVersion,
                                    String runId, String modelName, Phase phase,
                                    int epoch, long step, long totalSteps, long examples,
                                    Map<String, Double> losses, double samplesPerSecond, double learningRate,
                                    String message) implements RexEvent {
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
    }

    @Override
    public String key() {
        return runId;
    }
}
