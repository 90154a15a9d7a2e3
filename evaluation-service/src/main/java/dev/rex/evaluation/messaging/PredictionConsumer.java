package dev.rex.evaluation.messaging;

import dev.rex.evaluation.config.EvaluationConfig;
import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.evaluation.persistence.RunRepository;
import dev.rex.evaluation.run.EvaluationRunner;
import dev.rex.evaluation.run.EvaluationStates;
import dev.rex.evaluation.run.QuietPeriodTrigger;
import dev.rex.events.EventTypes;
import dev.rex.events.PredictionEvent;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code rex.predictions} → persisted prediction (upsert by model version and qid) → the pair's {@code PENDING}
 * state (counts so far) on {@code rex.evaluations}; acknowledgement and dead-lettering as {@link EventConsumer}
 * describes. {@code NO_MODEL} predictions are recorded but not evaluated: there is nothing to score.
 * <p>
 * Each prediction restarts the pair's quiet period: the metric table itself is computed by a debounced run
 * ({@link QuietPeriodTrigger}, {@link EvaluationRunner}).
 */
@Singleton
public class PredictionConsumer extends EventConsumer<PredictionEvent> {
    private final EvaluationRepository evaluations;
    private final EvaluationConfig config;
    private final EvaluationStates states;
    private final QuietPeriodTrigger trigger;

    public PredictionConsumer(EvaluationRepository evaluations, EvaluationConfig config, EvaluationStates states,
                              QuietPeriodTrigger trigger) {
        super(EventTypes.PREDICTION);
        this.evaluations = evaluations;
        this.config = config;
        this.states = states;
        this.trigger = trigger;
    }

    @Incoming(Channels.PREDICTIONS_IN)
    @Blocking
    public void onPrediction(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(PredictionEvent p) {
        if (p.status() != PredictionEvent.Status.PREDICTED) {
            evaluations.recordUnscored(p);
            return;
        }
        String split = p.split() != null ? p.split() : config.defaultSplit();
        evaluations.upsertPrediction(p, split);
        RunRepository.Pair pair = new RunRepository.Pair(p.modelVersion(), split);
        states.pending(pair, p.correlationId());
        trigger.changed(pair);
    }
}
