package dev.rex.evaluation.messaging;

import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code rex.explanations} → the reference table (upsert by qid): the ground truth predictions are scored against. */
@Singleton
public class ReferenceConsumer extends EventConsumer<ExplanationEvent> {
    private final EvaluationRepository evaluations;

    public ReferenceConsumer(EvaluationRepository evaluations) {
        super(EventTypes.EXPLANATION);
        this.evaluations = evaluations;
    }

    @Incoming(Channels.EXPLANATIONS_IN)
    @Blocking
    public void onExplanation(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(ExplanationEvent x) {
        evaluations.upsertReference(x);
    }
}
