package dev.rex.evaluation.messaging;

import dev.rex.evaluation.dashboard.DashboardFeed;
import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.events.EventTypes;
import dev.rex.events.TrainingProgressEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code rex.training.progress} → the training_progress table (once per event id) → the dashboard's training
 * curves (loss per step, validation metrics per epoch), pushed live.
 */
@Singleton
public class TrainingProgressConsumer extends StoredThenShown<TrainingProgressEvent> {
    private final EvaluationRepository repository;

    public TrainingProgressConsumer(EvaluationRepository repository, DashboardFeed feed) {
        super(EventTypes.TRAINING_PROGRESS, feed, DashboardFeed.TRAINING);
        this.repository = repository;
    }

    @Incoming(Channels.TRAINING_PROGRESS_IN)
    @Blocking
    public void onProgress(String payload) {
        consume(payload);
    }

    @Override
    protected void store(TrainingProgressEvent t) {
        repository.recordProgress(t);
    }
}
