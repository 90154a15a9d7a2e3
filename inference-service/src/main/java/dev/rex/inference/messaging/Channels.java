package dev.rex.inference.messaging;

/** Channel names of this service (topics are bound in application.properties; tests read them from here). */
public final class Channels {
    /** rex.inference.requests, from preprocessing; one consumer group, so replicas share the partitions. */
    public static final String INFERENCE_REQUESTS_IN = "inference-requests-in";
    /** rex.models, from training: checkpoints that became ready. */
    public static final String MODELS_IN = "models-in";
    /** rex.predictions → evaluation and clients. */
    public static final String PREDICTIONS_OUT = "predictions-out";

    private Channels() {
    }
}
