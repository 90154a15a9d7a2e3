package dev.rex.explanation.messaging;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.explanation.persistence.ExplanationRepository;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * {@code rex.programs} → persisted program + explanation row (upsert by qid) → {@code rex.explanations};
 * acknowledgement and dead-lettering as {@link EventConsumer} describes.
 * <p>
 * PASS-THROUGH for now: the functional program, post-processing and region grounding (DESIGN §5) belong to
 * rex-gqa and are not wired into the service yet. Every program is stored and answered with an explanation event
 * of status {@code PENDING} (no text, no groundings), so downstream services and the tests see the real flow.
 */
@Singleton
public class ProgramConsumer extends EventConsumer<ProgramEvent> {
    private final ExplanationRepository explanations;
    private final Emitter<String> out;

    public ProgramConsumer(ExplanationRepository explanations, @Channel(Channels.EXPLANATIONS_OUT) Emitter<String> out) {
        super(EventTypes.PROGRAM);
        this.explanations = explanations;
        this.out = out;
    }

    @Incoming(Channels.PROGRAMS_IN)
    @Blocking
    public void onProgram(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(ProgramEvent p) {
        ExplanationEvent explanation = new ExplanationEvent(EventIds.newId(), p.correlationId(),
                EventTypes.EXPLANATION.currentVersion(), p.qid(), p.imageId(), p.split(), ExplanationEvent.Status.PENDING,
                p.question(), p.answer(), null, null, null, List.of(), null);
        explanations.upsert(p, explanation);
        publish(out, explanation);
    }
}
