package dev.rex.evaluation.messaging;

/** Channel names of this service (topics are bound in application.properties; tests read them from here). */
public final class Channels {
    /** rex.predictions, from inference: what gets scored. */
    public static final String PREDICTIONS_IN = "predictions-in";
    /** rex.explanations, from the explanation service: the references. */
    public static final String EXPLANATIONS_IN = "explanations-in";
    /** rex.models, from training: the model name of a version. */
    public static final String MODELS_IN = "models-in";
    /** rex.training.progress, from training: the dashboard's curves. */
    public static final String TRAINING_PROGRESS_IN = "training-progress-in";
    /** rex.evaluations → dashboards and training. */
    public static final String EVALUATIONS_OUT = "evaluations-out";

    private Channels() {
    }
}
