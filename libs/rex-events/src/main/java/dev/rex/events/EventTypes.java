package dev.rex.events;

import java.util.List;
import java.util.Optional;

/** The registry of event types, one per topic of {@link Topics}. */
public final class EventTypes {
    public static final EventType<QuestionEvent> QUESTION = EventType.of(Topics.QUESTIONS, QuestionEvent.class, 1, 1);
    public static final EventType<ProgramEvent> PROGRAM = EventType.of(Topics.PROGRAMS, ProgramEvent.class, 1, 1);
    public static final EventType<ExplanationEvent> EXPLANATION = EventType.of(Topics.EXPLANATIONS, ExplanationEvent.class, 1, 1);
    public static final EventType<InferenceRequestEvent> INFERENCE_REQUEST =
            EventType.of(Topics.INFERENCE_REQUESTS, InferenceRequestEvent.class, 1, 1);
    public static final EventType<PredictionEvent> PREDICTION = EventType.of(Topics.PREDICTIONS, PredictionEvent.class, 2, 1, 2);
    public static final EventType<TrainingProgressEvent> TRAINING_PROGRESS =
            EventType.of(Topics.TRAINING_PROGRESS, TrainingProgressEvent.class, 1, 1);
    public static final EventType<ModelEvent> MODEL = EventType.of(Topics.MODELS, ModelEvent.class, 1, 1);
    public static final EventType<EvaluationEvent> EVALUATION = EventType.of(Topics.EVALUATIONS, EvaluationEvent.class, 2, 2);

    public static final List<EventType<?>> ALL = List.of(QUESTION, PROGRAM, EXPLANATION, INFERENCE_REQUEST, PREDICTION,
            TRAINING_PROGRESS, MODEL, EVALUATION);

    private EventTypes() {
    }

    public static Optional<EventType<?>> forTopic(String topic) {
        return ALL.stream().filter(t -> t.topic().equals(topic)).findFirst();
    }

    @SuppressWarnings("unchecked")
    public static <T extends RexEvent> EventType<T> forClass(Class<T> eventClass) {
        return (EventType<T>) ALL.stream().filter(t -> t.eventClass().equals(eventClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(eventClass.getName() + " is not a registered REX event"));
    }
}
