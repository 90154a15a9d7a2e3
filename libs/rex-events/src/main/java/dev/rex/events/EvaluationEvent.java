package dev.rex.events;

import java.util.List;

/**
 * {@code rex.evaluations}: where the evaluation of one (model version, split) stands, keyed by the pair
 * ({@link #keyOf}) so the topic can be compacted to the latest state of every pair and read in order.
 * <p>
 * States: {@code PENDING} (predictions arriving, no run started; counts only), {@code RUNNING} (a run is scoring),
 * {@code COMPLETE} (the table, every question of the split with a reference has a prediction), {@code PARTIAL}
 * (the table over what arrived; {@code counts.missing} questions of the split had no prediction when the run
 * started), {@code FAILED} (the run raised; {@code error} says what).
 * <p>
 * Schema version 2 (version 1 carried a metric map without notes, counts or timestamps, and keyed by run id).
 *
 * @param runId      the run ({@code eval-<model version>-<split>-<n>}); null while {@code PENDING}
 * @param modelName  the model's name as announced on {@code rex.models}; null when no announcement was seen
 * @param trigger    what started the run ({@code quiet-period}, {@code request}); null while {@code PENDING}
 * @param metrics    the paper's table in order, every row with its note (value null = not computed, the note says
 *                   why); empty unless {@code COMPLETE} or {@code PARTIAL}
 * @param startedAt  ISO-8601 instant the run started (null while {@code PENDING})
 * @param finishedAt ISO-8601 instant the run ended (null unless {@code COMPLETE}, {@code PARTIAL} or {@code FAILED})
 * @param updatedAt  ISO-8601 instant of this state
 */
public record EvaluationEvent(String id, String correlationId, int schemaVersion,
                              String modelVersion, String split, String runId, String modelName, Status status,
                              String trigger, Counts counts, List<Metric> metrics, String startedAt,
                              String finishedAt, String updatedAt, String error) implements RexEvent {
    public enum Status {
        /** Predictions are arriving; no run has started since the last one. */
        PENDING,
        /** A run is computing the table. */
        RUNNING,
        /** The table, with every expected prediction present. */
        COMPLETE,
        /** The table over the predictions that arrived; {@code counts.missing} were missing. */
        PARTIAL,
        /** The run failed; {@code error} says why. */
        FAILED
    }

    /**
     * @param predictions predictions of the model version on the split received so far
     * @param references  questions of the split with a reference record on {@code rex.explanations} (the expected
     *                    predictions)
     * @param scored      predictions scored by the caption metrics (non-empty, with an explained reference)
     * @param empty       predictions with an empty explanation (dropped from the caption metrics, REX's error count)
     * @param missing     questions of the split with a reference but no prediction of this model version
     * @param noReference predictions whose question has no explained reference (skipped by the caption metrics)
     */
    public record Counts(long predictions, long references, long scored, long empty, long missing, long noReference) {
        public Counts {
            Require.nonNegative(predictions, "counts.predictions");
            Require.nonNegative(references, "counts.references");
            Require.nonNegative(scored, "counts.scored");
            Require.nonNegative(empty, "counts.empty");
            Require.nonNegative(missing, "counts.missing");
            Require.nonNegative(noReference, "counts.noReference");
        }
    }

    /** One row of the table: metric name, score × 100 (null = not computed) and a note (why null, or how computed). */
    public record Metric(String name, Double value, String note) {
        public Metric {
            Require.text(name, "metric name");
        }
    }

    public EvaluationEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(modelVersion, "modelVersion");
        Require.text(split, "split");
        Require.notNull(status, "status");
        Require.notNull(counts, "counts");
        Require.text(updatedAt, "updatedAt");
        metrics = Require.list(metrics);
        if (status != Status.PENDING) {
            Require.text(runId, "runId (required unless status is PENDING)");
            Require.text(startedAt, "startedAt (required unless status is PENDING)");
        }
        if ((status == Status.COMPLETE || status == Status.PARTIAL) && metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics are required when status is " + status);
        }
        if (status == Status.COMPLETE || status == Status.PARTIAL || status == Status.FAILED) {
            Require.text(finishedAt, "finishedAt (required when status is " + status + ")");
        }
        if (status == Status.FAILED) {
            Require.text(error, "error (required when status is FAILED)");
        }
    }

    /** The topic key of a (model version, split): one compacted entry per pair. */
    public static String keyOf(String modelVersion, String split) {
        return modelVersion + "|" + split;
    }

    @Override
    public String key() {
        return keyOf(modelVersion, split);
    }
}
