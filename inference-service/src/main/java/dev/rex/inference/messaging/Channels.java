package dev.rex.inference.messaging;

/** Channel names of this service (topics are bound in application.properties; tests read them from here). */
public final class Channels {
    /** rex.models, from training: checkpoints that became ready. */
    public static final String MODELS_IN = "models-in";
    /**
     * The consumer group of every replica, for rex.inference.requests (read by {@link RequestWorker}s, not a
     * SmallRye channel: consume, answer and produce are one Kafka transaction there) and rex.models.
     */
    public static final String GROUP = "inference-service";

    private Channels() {
    }
}
