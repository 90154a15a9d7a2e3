package dev.rex.explanation.messaging;

/** Channel names of this service (topics are bound in application.properties; tests read them from here). */
public final class Channels {
    /** rex.programs, from preprocessing. */
    public static final String PROGRAMS_IN = "programs-in";
    /** rex.explanations → training and evaluation. */
    public static final String EXPLANATIONS_OUT = "explanations-out";

    private Channels() {
    }
}
