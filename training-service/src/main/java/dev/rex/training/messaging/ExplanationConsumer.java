package dev.rex.training.messaging;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.TrainingProgressEvent;
import dev.rex.service.EventConsumer;
import dev.rex.training.config.TrainingConfig;
import dev.rex.training.persistence.TrainingRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/**
 * {@code rex.explanations} → persisted training example (upsert by qid) → {@code rex.training.progress} (phase
 * COLLECTING, every {@code rex.training.progress-every} examples); acknowledgement and dead-lettering as
 * {@link EventConsumer} describes.
 * <p>
 * The collected corpus is reported, not trained on directly: training runs ({@code POST /api/training-runs},
 * dev.rex.training.runs) read a GQA-REX build from files, as {@code rex train} does.
 */
@Singleton
public class ExplanationConsumer extends EventConsumer<ExplanationEvent> {
    private final TrainingRepository training;
    private final TrainingConfig config;
    private final Emitter<String> progress;

    public ExplanationConsumer(TrainingRepository training, TrainingConfig config,
                               @Channel(Channels.TRAINING_PROGRESS_OUT) Emitter<String> progress) {
        super(EventTypes.EXPLANATION);
        this.training = training;
        this.config = config;
        this.progress = progress;
    }

    @Incoming(Channels.EXPLANATIONS_IN)
    @Blocking
    public void onExplanation(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(ExplanationEvent x) {
        training.upsertExample(x);
        long received = training.countExamples();
        if (received % Math.max(1, config.progressEvery()) != 0) {
            return;
        }
        long explained = training.countExplained();
        publish(progress, new TrainingProgressEvent(EventIds.newId(), x.correlationId(),
                EventTypes.TRAINING_PROGRESS.currentVersion(), "collect-" + config.modelName(), config.modelName(),
                TrainingProgressEvent.Phase.COLLECTING, 0, 0, 0, explained, Map.of(), 0.0, 0.0,
                received + " explanations received, " + explained + " usable for training (last: " + x.qid() + ")"));
    }
}
