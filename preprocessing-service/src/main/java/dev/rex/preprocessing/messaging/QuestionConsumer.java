package dev.rex.preprocessing.messaging;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.events.QuestionEvent;
import dev.rex.preprocessing.config.PreprocessingConfig;
import dev.rex.preprocessing.persistence.QuestionRepository;
import dev.rex.service.EventIntake;
import dev.rex.service.KafkaEvents;
import dev.rex.service.MessagingConfig;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * {@code rex.questions} → persisted question → {@code rex.programs} (questions that carry a GQA program, for the
 * explanation service) and {@code rex.inference.requests} (questions of the configured inference splits).
 * <p>
 * The record is acknowledged (its offset committed) only after this method returns, i.e. after the upsert and
 * after the broker acknowledged both outputs; a redelivered record upserts the same row again (idempotent by qid).
 * A record that fails to decode throws, and the channel dead-letters it to {@code rex.questions.dlq}.
 * <p>
 * PASS-THROUGH for now: the semantics abstraction of DESIGN §5 ({@code process_semantics_exp}) and the lookup of
 * the image's scene graph and 36 boxes live in rex-gqa and are not wired yet, so the program event carries the
 * question with an empty abstracted program, no scene graph and no boxes.
 */
@ApplicationScoped
public class QuestionConsumer {
    private final QuestionRepository questions;
    private final EventIntake intake;
    private final PreprocessingConfig config;
    private final MessagingConfig messaging;
    private final Emitter<String> programs;
    private final Emitter<String> inferenceRequests;

    public QuestionConsumer(QuestionRepository questions, EventIntake intake, PreprocessingConfig config,
                            MessagingConfig messaging,
                            @Channel(Channels.PROGRAMS_OUT) Emitter<String> programs,
                            @Channel(Channels.INFERENCE_REQUESTS_OUT) Emitter<String> inferenceRequests) {
        this.questions = questions;
        this.intake = intake;
        this.config = config;
        this.messaging = messaging;
        this.programs = programs;
        this.inferenceRequests = inferenceRequests;
    }

    @Incoming(Channels.QUESTIONS_IN)
    @Blocking
    public void onQuestion(String payload) {
        QuestionEvent q = intake.decode(EventTypes.QUESTION, payload);
        boolean explain = !q.semantic().isEmpty();
        boolean infer = config.inferenceSplits().contains(q.split());
        questions.upsert(q, explain, infer);
        if (explain) {
            KafkaEvents.publish(programs, new ProgramEvent(EventIds.newId(), q.correlationId(),
                    EventTypes.PROGRAM.currentVersion(), q.qid(), q.imageId(), q.split(), q.question(), q.answer(),
                    List.of(), null, List.of()), messaging.publishTimeout());
        }
        if (infer) {
            KafkaEvents.publish(inferenceRequests, new InferenceRequestEvent(EventIds.newId(), q.correlationId(),
                    EventTypes.INFERENCE_REQUEST.currentVersion(), q.qid(), q.imageId(), q.question(), q.split(),
                    null), messaging.publishTimeout());
        }
        intake.processed(EventTypes.QUESTION);
    }
}
