package dev.rex.training.messaging;

/** Channel names of this service (topics are bound in application.properties; tests read them from here). */
public final class Channels {
    /** rex.explanations, from the explanation service: training examples. */
    public static final String EXPLANATIONS_IN = "explanations-in";
    /** rex.training.progress → dashboards. */
    public static final String TRAINING_PROGRESS_OUT = "training-progress-out";
    /** rex.models → inference and evaluation. */
    public static final String MODELS_OUT = "models-out";

    private Channels() {
    }
}
