package dev.rex.preprocessing.messaging;

/** Channel names of this service (topics are bound in application.properties; tests read them from here). */
public final class Channels {
    /** rex.questions, consumed: validate, persist, route. */
    public static final String QUESTIONS_IN = "questions-in";
    /** rex.questions, produced by the REST ingest. */
    public static final String QUESTIONS_OUT = "questions-out";
    /** rex.programs → explanation-service. */
    public static final String PROGRAMS_OUT = "programs-out";
    /** rex.inference.requests → inference-service. */
    public static final String INFERENCE_REQUESTS_OUT = "inference-requests-out";

    private Channels() {
    }
}
