package dev.rex.events;

/**
 * {@code rex.inference.requests}: a new question to answer and explain. The image's region features are looked
 * up by {@code imageId} in the feature store; {@code modelVersion} pins a model, null means the latest ready one.
 */
public record InferenceRequestEvent(String id, String correlationId, int schemaVersion,
                                    String qid, String imageId, String question, String split,
                                    String modelVersion) implements RexEvent {
    public InferenceRequestEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(qid, "qid");
        Require.text(imageId, "imageId");
        Require.text(question, "question");
    }

    @Override
    public String key() {
        return qid;
    }
}
