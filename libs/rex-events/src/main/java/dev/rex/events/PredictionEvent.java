package dev.rex.events;

import java.util.List;

/**
 * {@code rex.predictions}: the answer to one question with its grounded explanation.
 * <p>
 * Schema version 2 added the status {@code VERSION_UNAVAILABLE} and the optional fields from
 * {@code requestedVersion} on; version-1 records (without them) still decode.
 *
 * @param explanation      decoded explanation tokens, up to the end token, e.g. {@code ["#3", "is", "on", "#7"]}
 * @param regions          the regions the explanation points at ({@code #k} tokens) with their boxes
 * @param gateValues       the structure gate {@code g} at each decoded step (1 = word, 0 = region)
 * @param split            the split of the question (carried from the inference request; null for unknown)
 * @param modelVersion     the checkpoint that answered; null unless {@code status} is {@code PREDICTED}
 * @param requestedVersion the version the request pinned (null: the newest served one was asked for)
 * @param servedVersions   with {@code VERSION_UNAVAILABLE}: the versions the answering replica serves
 * @param requestedAt      ISO-8601 instant the question was asked (from the request, else its Kafka timestamp)
 * @param answeredAt       ISO-8601 instant the answer was ready
 * @param modelMillis      wall time of the forward pass that answered it, in ms (shared by its batch)
 * @param batchSize        how many questions that forward pass answered together
 */
public record PredictionEvent(String id, String correlationId, int schemaVersion,
                              String qid, String imageId, String split, Status status,
                              String answer, double confidence, List<String> explanation,
                              List<PredictedRegion> regions, List<Double> gateValues,
                              String modelVersion, String requestedVersion, List<String> servedVersions,
                              String requestedAt, String answeredAt, Double modelMillis,
                              Integer batchSize) implements RexEvent {
    public enum Status {
        /** A model answered. */
        PREDICTED,
        /** No model is ready yet: the request was received and recorded, nothing was predicted. */
        NO_MODEL,
        /** The request pinned a version this replica does not serve; {@code servedVersions} says which it does. */
        VERSION_UNAVAILABLE
    }

    public PredictionEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(qid, "qid");
        Require.text(imageId, "imageId");
        Require.notNull(status, "status");
        Require.probability(confidence, "confidence");
        explanation = Require.list(explanation);
        regions = Require.list(regions);
        gateValues = Require.list(gateValues);
        servedVersions = Require.list(servedVersions);
        for (Double g : gateValues) {
            Require.probability(Require.notNull(g, "gate value"), "gate value");
        }
        if (status == Status.PREDICTED) {
            Require.text(answer, "answer (required when status is PREDICTED)");
            Require.text(modelVersion, "modelVersion (required when status is PREDICTED)");
        }
        if (status == Status.VERSION_UNAVAILABLE) {
            Require.text(requestedVersion, "requestedVersion (required when status is VERSION_UNAVAILABLE)");
        }
        InferenceRequestEvent.requireInstant(requestedAt, "requestedAt");
        InferenceRequestEvent.requireInstant(answeredAt, "answeredAt");
        if (modelMillis != null && !(modelMillis >= 0)) {
            throw new IllegalArgumentException("modelMillis must be >= 0, was " + modelMillis);
        }
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
    }

    /** The fields of schema version 1 (no version pin, timing or batch): kept for producers of that shape. */
    public PredictionEvent(String id, String correlationId, int schemaVersion, String qid, String imageId, String split,
                           Status status, String answer, double confidence, List<String> explanation,
                           List<PredictedRegion> regions, List<Double> gateValues, String modelVersion) {
        this(id, correlationId, schemaVersion, qid, imageId, split, status, answer, confidence, explanation, regions,
                gateValues, modelVersion, null, List.of(), null, null, null, null);
    }

    @Override
    public String key() {
        return qid;
    }

    /** A region the explanation mentions: its token ({@code #k}), index k in 0..35, and its box. */
    public record PredictedRegion(String token, int region, Box box) {
        public PredictedRegion {
            Require.text(token, "region token");
            if (region < 0 || region >= ProgramEvent.REGIONS) {
                throw new IllegalArgumentException("region index must be within 0.." + (ProgramEvent.REGIONS - 1) + ", was " + region);
            }
            Require.notNull(box, "region box");
        }
    }
}
