package dev.rex.evaluation.run;

import dev.rex.evaluation.dashboard.DashboardFeed;
import dev.rex.evaluation.messaging.Channels;
import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.evaluation.persistence.RunRepository;
import dev.rex.evaluation.persistence.RunRepository.Pair;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.service.KafkaEvents;
import dev.rex.service.MessagingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.time.Instant;
import java.util.List;

/**
 * The states of a (model version, split) on {@code rex.evaluations}: each is stored as the pair's latest state
 * (what a compacted topic holds), published keyed by the pair (waiting for the broker), then pushed to the
 * dashboard. PENDING carries the counts so far; RUNNING the run; COMPLETE / PARTIAL the table; FAILED the error.
 */
@ApplicationScoped
public class EvaluationStates {
    private final EvaluationRepository repository;
    private final RunRepository runs;
    private final MessagingConfig messaging;
    private final Emitter<String> out;
    private final DashboardFeed feed;

    public EvaluationStates(EvaluationRepository repository, RunRepository runs, MessagingConfig messaging,
                            @Channel(Channels.EVALUATIONS_OUT) Emitter<String> out, DashboardFeed feed) {
        this.repository = repository;
        this.runs = runs;
        this.messaging = messaging;
        this.out = out;
        this.feed = feed;
    }

    /** Predictions of {@code pair} are arriving: the counts so far, no run. */
    public EvaluationEvent pending(Pair pair, String correlationId) {
        return publish(new EvaluationEvent(EventIds.newId(), correlationId, version(), pair.modelVersion(),
                pair.split(), null, runs.modelName(pair.modelVersion()).orElse(null), EvaluationEvent.Status.PENDING,
                null, repository.pendingCounts(pair.modelVersion(), pair.split()), List.of(), null, null, now(), null));
    }

    /** A run started: its counts are those of the pending state it follows. */
    public EvaluationEvent running(RunRepository.Run run) {
        return publish(new EvaluationEvent(EventIds.newId(), run.runId(), version(), run.modelVersion(), run.split(),
                run.runId(), run.modelName(), EvaluationEvent.Status.RUNNING, run.trigger(),
                repository.pendingCounts(run.modelVersion(), run.split()), List.of(), run.startedAt(), null, now(),
                null));
    }

    /** The table: COMPLETE when no question of the split misses a prediction, else PARTIAL. */
    public EvaluationEvent finished(RunRepository.Run run, EvaluationEvent.Counts counts, MetricTable table) {
        EvaluationEvent.Status status = counts.missing() == 0 ? EvaluationEvent.Status.COMPLETE
                : EvaluationEvent.Status.PARTIAL;
        return publish(new EvaluationEvent(EventIds.newId(), run.runId(), version(), run.modelVersion(), run.split(),
                run.runId(), run.modelName(), status, run.trigger(), counts, table.eventMetrics(), run.startedAt(),
                run.finishedAt(), now(), null));
    }

    public EvaluationEvent failed(RunRepository.Run run, String error) {
        return publish(new EvaluationEvent(EventIds.newId(), run.runId(), version(), run.modelVersion(), run.split(),
                run.runId(), run.modelName(), EvaluationEvent.Status.FAILED, run.trigger(),
                repository.pendingCounts(run.modelVersion(), run.split()), List.of(),
                run.startedAt() == null ? now() : run.startedAt(), run.finishedAt() == null ? now() : run.finishedAt(),
                now(), error));
    }

    private EvaluationEvent publish(EvaluationEvent e) {
        repository.upsertState(e);
        KafkaEvents.publish(out, e, messaging.publishTimeout());
        feed.publish(DashboardFeed.EVALUATION, e);
        return e;
    }

    private static int version() {
        return EventTypes.EVALUATION.currentVersion();
    }

    private static String now() {
        return Instant.now().toString();
    }
}
