package dev.rex.events;

import java.util.Map;

/**
 * {@code rex.evaluations}, keyed by run id: the metric table of one (model version, split).
 *
 * @param predictionCount predictions received for the pair
 * @param referenceCount  of those, how many have a reference explanation to compare against
 * @param metrics         metric name → score × 100 (BLEU-1..4, METEOR, ROUGE-L, CIDEr, SPICE, grounding, …)
 */
public record EvaluationEvent(String id, String correlationId, int schemaVersion,
                              String runId, String modelVersion, String split, Status status,
                              long predictionCount, long referenceCount,
                              Map<String, Double> metrics) implements RexEvent {
    public enum Status {
        /** Counts only: the metric computation has not run (or is not built yet). */
        PENDING_METRICS,
        /** {@code metrics} holds the scores. */
        COMPLETE
    }

    public EvaluationEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(runId, "runId");
        Require.text(modelVersion, "modelVersion");
        Require.text(split, "split");
        Require.notNull(status, "status");
        Require.nonNegative(predictionCount, "predictionCount");
        Require.nonNegative(referenceCount, "referenceCount");
        metrics = Require.map(metrics);
        if (status == Status.COMPLETE && metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics are required when status is COMPLETE");
        }
    }

    @Override
    public String key() {
        return runId;
    }
}
