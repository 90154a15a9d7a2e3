package dev.rex.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code rex.inference.requests}: a new question to answer and explain. The image's region features are looked
 * up by {@code imageId} in the feature store; {@code modelVersion} pins a model, null means the latest ready one.
 *
 * @param requestedAt ISO-8601 instant the question was asked (null in records written before the field existed:
 *                    the service then takes the record's Kafka timestamp); the prediction carries it on, so
 *                    end-to-end latency is {@code answeredAt - requestedAt}
 */
public record InferenceRequestEvent(String id, String correlationId, int schemaVersion,
                                    String qid, String imageId, String question, String split,
                                    String modelVersion, String requestedAt) implements RexEvent {
    public InferenceRequestEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(qid, "qid");
        Require.text(imageId, "imageId");
        Require.text(question, "question");
        if (modelVersion != null) Require.text(modelVersion, "modelVersion (null or a version)");
        requireInstant(requestedAt, "requestedAt");
    }

    /** Without {@code requestedAt}: the shape of the first release of this event. */
    public InferenceRequestEvent(String id, String correlationId, int schemaVersion, String qid, String imageId,
                                 String question, String split, String modelVersion) {
        this(id, correlationId, schemaVersion, qid, imageId, question, split, modelVersion, null);
    }

    @Override
    public String key() {
        return qid;
    }

    static void requireInstant(String value, String field) {
        if (value == null) return;
        try {
            Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-12-02T08:00:00Z, was '"
                    + value + "'");
        }
    }
}
