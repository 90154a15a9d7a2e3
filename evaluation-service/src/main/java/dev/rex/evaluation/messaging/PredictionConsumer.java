package dev.rex.evaluation.messaging;

import dev.rex.evaluation.config.EvaluationConfig;
import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.evaluation.persistence.RunRepository;
import dev.rex.evaluation.run.EvaluationRunner;
import dev.rex.evaluation.run.QuietPeriodTrigger;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.PredictionEvent;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/**
 * {@code rex.predictions} → persisted prediction (upsert by model version and qid) → {@code rex.evaluations} for
 * the (model version, split) it belongs to; acknowledgement and dead-lettering as {@link EventConsumer} describes.
 * {@code NO_MODEL} predictions are recorded but not evaluated: there is nothing to score.
 * <p>
 * Each prediction publishes the pair's counts (predictions, and how many have a reference) with status
 * {@code PENDING_METRICS} under run id {@code eval-<model version>-<split>}, and restarts the pair's quiet period:
 * the metric table itself is computed by a debounced run ({@link QuietPeriodTrigger}, {@link EvaluationRunner}),
 * published as {@code COMPLETE} under the run's own id.
 */
@Singleton
public class PredictionConsumer extends EventConsumer<PredictionEvent> {
    private final EvaluationRepository evaluations;
    private final EvaluationConfig config;
    private final Emitter<String> out;
    private final QuietPeriodTrigger trigger;

    public PredictionConsumer(EvaluationRepository evaluations, EvaluationConfig config,
                              @Channel(Channels.EVALUATIONS_OUT) Emitter<String> out, QuietPeriodTrigger trigger) {
        super(EventTypes.PREDICTION);
        this.evaluations = evaluations;
        this.config = config;
        this.out = out;
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
        EvaluationRepository.Counts counts = evaluations.counts(p.modelVersion(), split);
        EvaluationEvent e = new EvaluationEvent(EventIds.newId(), p.correlationId(),
                EventTypes.EVALUATION.currentVersion(), "eval-" + p.modelVersion() + "-" + split, p.modelVersion(), split,
                EvaluationEvent.Status.PENDING_METRICS, counts.predictions(), counts.withReference(), Map.of());
        evaluations.upsertEvaluation(e);
        publish(out, e);
        trigger.changed(new RunRepository.Pair(p.modelVersion(), split));
    }
}
