package dev.rex.preprocessing.messaging;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.events.QuestionEvent;
import dev.rex.preprocessing.config.PreprocessingConfig;
import dev.rex.preprocessing.persistence.QuestionRepository;
import dev.rex.preprocessing.program.ProgramAbstraction;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * {@code rex.questions} → persisted question (upsert by qid) → {@code rex.programs} (questions whose GQA program
 * abstracts, for the explanation service) and {@code rex.inference.requests} (questions of the configured inference
 * splits); acknowledgement and dead-lettering as {@link EventConsumer} describes. A program the abstraction rejects
 * (e.g. an unknown operation) is recorded with its reason on the question's row, and the question is not sent
 * for explanation: a valid event with an unexplainable program is an outcome, not a dead letter.
 * <p>
 * PASS-THROUGH in part: the program is abstracted (rex-gqa), but the lookup of the image's scene graph and its 36
 * boxes (scene-graph and feature stores) is not wired yet, so the program event carries no scene graph and no boxes.
 */
@Singleton
public class QuestionConsumer extends EventConsumer<QuestionEvent> {
    private final QuestionRepository questions;
    private final PreprocessingConfig config;
    private final Emitter<String> programs;
    private final Emitter<String> inferenceRequests;

    public QuestionConsumer(QuestionRepository questions, PreprocessingConfig config,
                            @Channel(Channels.PROGRAMS_OUT) Emitter<String> programs,
                            @Channel(Channels.INFERENCE_REQUESTS_OUT) Emitter<String> inferenceRequests) {
        super(EventTypes.QUESTION);
        this.questions = questions;
        this.config = config;
        this.programs = programs;
        this.inferenceRequests = inferenceRequests;
    }

    @Incoming(Channels.QUESTIONS_IN)
    @Blocking
    public void onQuestion(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(QuestionEvent q) {
        ProgramAbstraction.Result program = q.semantic().isEmpty() ? null : ProgramAbstraction.of(q);
        boolean explain = program != null && !program.rejected();
        boolean infer = config.inferenceSplits().contains(q.split());
        questions.upsert(q, explain, infer, program == null ? null : program.rejection());
        if (explain) {
            publish(programs, new ProgramEvent(EventIds.newId(), q.correlationId(), EventTypes.PROGRAM.currentVersion(),
                    q.qid(), q.imageId(), q.split(), q.question(), q.answer(), program.program(), null, List.of()));
        }
        if (infer) {
            publish(inferenceRequests, new InferenceRequestEvent(EventIds.newId(), q.correlationId(),
                    EventTypes.INFERENCE_REQUEST.currentVersion(), q.qid(), q.imageId(), q.question(), q.split(), null));
        }
    }
}
