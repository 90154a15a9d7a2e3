package dev.rex.evaluation.messaging;

/** Channel names of this service (topics are bound in application.properties; tests read them from here). */
public final class Channels {
    /** rex.predictions, from inference: what gets scored. */
    public static final String PREDICTIONS_IN = "predictions-in";
    /** rex.explanations, from the explanation service: the references. */
    public static final String EXPLANATIONS_IN = "explanations-in";
    /** rex.evaluations → dashboards and training. */
    public static final String EVALUATIONS_OUT = "evaluations-out";

    private Channels() {
    }
}
