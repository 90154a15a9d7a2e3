package dev.rex.evaluation.messaging;

import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.evaluation.persistence.RunRepository;
import dev.rex.evaluation.run.QuietPeriodTrigger;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code rex.explanations} → the reference table (upsert by qid): the ground truth predictions are scored against.
 * A reference that arrives after predictions of its question restarts those pairs' quiet period: their tables change.
 */
@Singleton
public class ReferenceConsumer extends EventConsumer<ExplanationEvent> {
    private final EvaluationRepository evaluations;
    private final RunRepository runs;
    private final QuietPeriodTrigger trigger;

    public ReferenceConsumer(EvaluationRepository evaluations, RunRepository runs, QuietPeriodTrigger trigger) {
        super(EventTypes.EXPLANATION);
        this.evaluations = evaluations;
        this.runs = runs;
        this.trigger = trigger;
    }

    @Incoming(Channels.EXPLANATIONS_IN)
    @Blocking
    public void onExplanation(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(ExplanationEvent x) {
        evaluations.upsertReference(x);
        runs.pairsOf(x.qid()).forEach(trigger::changed);
    }
}
