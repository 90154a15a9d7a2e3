package dev.rex.training.runs;

import dev.rex.model.DjlDefaults;
import dev.rex.events.TrainingProgressEvent.Phase;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.model.train.FeatureSource;
import dev.rex.model.train.TorchThreads;
import dev.rex.model.train.Trainer;
import dev.rex.model.train.TrainingCancelledException;
import dev.rex.model.train.TrainingConfig;
import dev.rex.service.MessagingConfig;
import dev.rex.training.messaging.Channels;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Training runs of this service: accepted, queued and run ONE AT A TIME on a managed executor of one thread (a
 * training run uses every core it is given; two would only slow each other down), with at most
 * {@code rex.training.max-queued-runs} waiting. Cancellation is cooperative: the library asks before every step
 * whether to stop ({@link Trainer#run}'s cancel flag) and ends with {@link TrainingCancelledException}; its last
 * epoch checkpoint stays.
 */
@ApplicationScoped
public class TrainingRuns {
    private static final Logger LOG = Logger.getLogger(TrainingRuns.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final dev.rex.training.config.TrainingConfig config;
    private final TrainingRunRepository runs;
    private final DataSource ds;
    private final MessagingConfig messaging;
    private final Emitter<String> progress;
    private final Emitter<String> models;
    private final ManagedExecutor executor;
    /** Cancel flags of the runs this process has accepted and not yet finished (queued or running). */
    private final Map<String, AtomicBoolean> live = new ConcurrentHashMap<>();

    public TrainingRuns(dev.rex.training.config.TrainingConfig config, TrainingRunRepository runs, DataSource ds,
                        MessagingConfig messaging,
                        @Channel(Channels.TRAINING_PROGRESS_OUT) Emitter<String> progress,
                        @Channel(Channels.MODELS_OUT) Emitter<String> models) {
        this.config = config;
        this.runs = runs;
        this.ds = ds;
        this.messaging = messaging;
        this.progress = progress;
        this.models = models;
        this.executor = ManagedExecutor.builder().maxAsync(1).maxQueued(Math.max(1, config.maxQueuedRuns()))
                .propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build();
    }

    void onStart(@Observes StartupEvent ignored) {
        DjlDefaults.apply(config.modelsDir());
        int n = runs.failInterrupted("interrupted: the training service stopped while the run was queued or running; "
                + "POST it again to train it anew (its epoch checkpoints stay in its folder)");
        if (n > 0) LOG.warnf("%d training run(s) of a previous process marked FAILED (interrupted)", n);
    }

    /** Validates, persists as QUEUED and queues a run; bad configurations throw before anything is stored. */
    public TrainingRunView submit(TrainingRunRequest request) {
        String id = "run-" + ID_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path out = config.modelsDir().resolve("runs").resolve(id).toAbsolutePath();
        TrainingConfig cfg = request.toTrainingConfig(out);
        long waiting = live.size() - 1L;  // the running one (if any) does not wait
        if (waiting >= config.maxQueuedRuns()) throw new QueueFullException(config.maxQueuedRuns());
        String modelName = request.modelNameOrDefault();
        runs.insertQueued(id, cfg.mode().cliName(), modelName, request.asMap(), out.toString(), cfg.epochs());
        AtomicBoolean cancel = new AtomicBoolean();
        live.put(id, cancel);
        try {
            executor.runAsync(() -> execute(id, modelName, request, cfg, cancel));
        } catch (RejectedExecutionException e) {
            live.remove(id);
            runs.finish(id, RunStatus.FAILED, "not queued: " + e.getMessage());
            throw new QueueFullException(config.maxQueuedRuns());
        }
        return find(id).orElseThrow();
    }

    public Optional<TrainingRunView> find(String id) {
        return runs.find(id);
    }

    /** What a cancel request found: the run afterwards, and whether it was still live (queued or running). */
    public record Cancellation(TrainingRunView run, boolean accepted) {
    }

    /**
     * Asks a queued or running run to stop: a queued run is cancelled at once (it never trains), a running one
     * before its next optimiser step. Empty when the run is unknown; not accepted when it was already over.
     */
    public Optional<Cancellation> cancel(String id) {
        Optional<TrainingRunView> run = runs.find(id);
        if (run.isEmpty()) return Optional.empty();
        if (run.get().status().isFinal()) return Optional.of(new Cancellation(run.get(), false));
        AtomicBoolean flag = live.get(id);
        if (flag != null) flag.set(true);
        if (runs.cancelQueued(id, "cancelled while queued")) {
            // its turn still comes on the executor and finds it cancelled: the end event is sent now
            publishEnd(id, run.get().modelName(), RunStatus.CANCELLED, "cancelled while queued");
        } else {
            runs.requestCancel(id);
        }
        return Optional.of(new Cancellation(runs.find(id).orElseThrow(), true));
    }

    private void execute(String id, String modelName, TrainingRunRequest request, TrainingConfig cfg,
                         AtomicBoolean cancel) {
        RunReporter reporter = reporter(id, modelName, request.asMap(), cfg.mode().selectionMetric());
        try {
            if (cancel.get() || !runs.markRunning(id)) return;  // cancelled while queued: already recorded
            config.torchThreads().ifPresent(TorchThreads::set);  // one run at a time: the process-wide setting is its own
            LOG.infof("training run %s started: %s", id, request.asMap());
            Trainer.Result r = new Trainer(cfg, FeatureSource.of(FeatureStore.open(cfg.features())))
                    .run(reporter, cancel::get);
            end(reporter, id, RunStatus.SUCCEEDED, String.format(java.util.Locale.ROOT,
                    "trained %d epoch(s); last checkpoint %s%s", r.epochsRun(), r.lastCheckpoint(), r.best() == null ? ""
                            : "; best " + r.best() + " (epoch " + (r.bestEpoch() + 1) + ", "
                            + cfg.mode().selectionMetric() + " " + r.bestScore() + ")"));
        } catch (TrainingCancelledException e) {
            end(reporter, id, RunStatus.CANCELLED, "cancelled: " + e.getMessage());
        } catch (Throwable e) {
            LOG.errorf(e, "training run %s failed", id);
            end(reporter, id, RunStatus.FAILED, "failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            live.remove(id);
        }
    }

    private void end(RunReporter reporter, String id, RunStatus status, String message) {
        runs.finish(id, status, message);
        LOG.infof("training run %s %s: %s", id, status, message);
        try {
            reporter.finished(phase(status), message);
        } catch (RuntimeException e) {
            LOG.warnf("training run %s: final progress event not published: %s", id, e.getMessage());
        }
    }

    private void publishEnd(String id, String modelName, RunStatus status, String message) {
        reporter(id, modelName, Map.of(), "").finished(phase(status), message);
    }

    /** The event schema has no CANCELLED phase: a cancelled run ends FAILED, its message starting "cancelled". */
    private static Phase phase(RunStatus status) {
        return status == RunStatus.SUCCEEDED ? Phase.FINISHED : Phase.FAILED;
    }

    private RunReporter reporter(String id, String modelName, Map<String, Object> request, String selectionMetric) {
        return new RunReporter(id, modelName, request, runs, ds, progress, models, messaging.publishTimeout(),
                config.stepProgressEvery(), selectionMetric);
    }

    /** Shutting down: every live run stops before its next step, then the executor ends. */
    @PreDestroy
    void stop() {
        live.values().forEach(flag -> flag.set(true));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
