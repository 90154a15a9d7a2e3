package dev.rex.explanation.messaging;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.explanation.persistence.ExplanationRepository;
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
 * {@code rex.programs} → persisted program + explanation row → {@code rex.explanations}.
 * <p>
 * Acknowledged only after the upsert (idempotent by qid) and the broker's ack of the output; an undecodable record
 * is dead-lettered to {@code rex.programs.dlq} by the channel.
 * <p>
 * PASS-THROUGH for now: the functional program, post-processing and region grounding (DESIGN §5) belong to
 * rex-gqa and are not wired into the service yet. Every program is stored and answered with an explanation event
 * of status {@code PENDING} (no text, no groundings), so downstream services and the tests see the real flow.
 */
@ApplicationScoped
public class ProgramConsumer {
    private final ExplanationRepository explanations;
    private final EventIntake intake;
    private final MessagingConfig messaging;
    private final Emitter<String> out;

    public ProgramConsumer(ExplanationRepository explanations, EventIntake intake, MessagingConfig messaging,
                           @Channel(Channels.EXPLANATIONS_OUT) Emitter<String> out) {
        this.explanations = explanations;
        this.intake = intake;
        this.messaging = messaging;
        this.out = out;
    }

    @Incoming(Channels.PROGRAMS_IN)
    @Blocking
    public void onProgram(String payload) {
        ProgramEvent p = intake.decode(EventTypes.PROGRAM, payload);
        ExplanationEvent explanation = new ExplanationEvent(EventIds.newId(), p.correlationId(),
                EventTypes.EXPLANATION.currentVersion(), p.qid(), p.imageId(), p.split(), ExplanationEvent.Status.PENDING,
                p.question(), p.answer(), null, null, null, List.of(), null);
        explanations.upsert(p, explanation);
        KafkaEvents.publish(out, explanation, messaging.publishTimeout());
        intake.processed(EventTypes.PROGRAM);
    }
}
