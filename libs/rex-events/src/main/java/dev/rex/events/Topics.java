package dev.rex.events;

import java.util.List;

/** Kafka topic names of ARCHITECTURE §3 — the one place they are spelled. Every topic has a dead-letter twin. */
public final class Topics {
    public static final String QUESTIONS = "rex.questions";
    public static final String PROGRAMS = "rex.programs";
    public static final String EXPLANATIONS = "rex.explanations";
    public static final String INFERENCE_REQUESTS = "rex.inference.requests";
    public static final String PREDICTIONS = "rex.predictions";
    public static final String TRAINING_PROGRESS = "rex.training.progress";
    public static final String MODELS = "rex.models";
    public static final String EVALUATIONS = "rex.evaluations";

    /** Suffix of every dead-letter topic: records of {@code <topic>} that could not be processed. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static final String QUESTIONS_DLQ = QUESTIONS + DLQ_SUFFIX;
    public static final String PROGRAMS_DLQ = PROGRAMS + DLQ_SUFFIX;
    public static final String EXPLANATIONS_DLQ = EXPLANATIONS + DLQ_SUFFIX;
    public static final String INFERENCE_REQUESTS_DLQ = INFERENCE_REQUESTS + DLQ_SUFFIX;
    public static final String PREDICTIONS_DLQ = PREDICTIONS + DLQ_SUFFIX;
    public static final String TRAINING_PROGRESS_DLQ = TRAINING_PROGRESS + DLQ_SUFFIX;
    public static final String MODELS_DLQ = MODELS + DLQ_SUFFIX;
    public static final String EVALUATIONS_DLQ = EVALUATIONS + DLQ_SUFFIX;

    /** The event topics, in pipeline order (without their dead-letter twins). */
    public static final List<String> ALL = List.of(QUESTIONS, PROGRAMS, EXPLANATIONS, INFERENCE_REQUESTS,
            PREDICTIONS, TRAINING_PROGRESS, MODELS, EVALUATIONS);

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}. */
    public static String dlq(String topic) {
        if (topic == null || topic.isBlank() || topic.endsWith(DLQ_SUFFIX)) {
            throw new IllegalArgumentException("no dead-letter topic for '" + topic + "': give an event topic such as " + QUESTIONS);
        }
        return topic + DLQ_SUFFIX;
    }
}
