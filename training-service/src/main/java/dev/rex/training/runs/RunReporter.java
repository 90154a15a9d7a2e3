package dev.rex.training.runs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ModelEvent;
import dev.rex.events.TrainingProgressEvent;
import dev.rex.events.TrainingProgressEvent.Phase;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.train.TrainingListener;
import dev.rex.service.KafkaEvents;
import dev.rex.service.ModelTable;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The library's progress callback for one run, turned into rows and events: {@code rex.training.progress} (STARTED,
 * TRAINING every few steps and at each epoch's end, then FINISHED or FAILED, sent by {@link TrainingRuns}) and
 * {@code rex.models} for every best checkpoint. Events carry the run id as key and correlation id; epochs are
 * 1-based. Called on the run's thread, so publishing may block until the broker acknowledges.
 */
final class RunReporter implements TrainingListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String runId;
    private final String modelName;
    private final Map<String, Object> request;
    private final TrainingRunRepository runs;
    private final DataSource ds;
    private final Emitter<String> progress;
    private final Emitter<String> models;
    private final Duration publishTimeout;
    private final int stepEvery;
    private final String selectionMetric;
    private int epochs;
    private long totalSteps;
    private long examples;
    private double lr;
    /** The epoch folder the library reported last (it reports it before that epoch's best/). */
    private Path lastEpochDir;

    RunReporter(String runId, String modelName, Map<String, Object> request, TrainingRunRepository runs, DataSource ds,
                Emitter<String> progress, Emitter<String> models, Duration publishTimeout, int stepEvery, String selectionMetric) {
        this.runId = runId;
        this.modelName = modelName;
        this.request = request;
        this.runs = runs;
        this.ds = ds;
        this.progress = progress;
        this.models = models;
        this.publishTimeout = publishTimeout;
        this.stepEvery = Math.max(1, stepEvery);
        this.selectionMetric = selectionMetric;
    }

    @Override
    public void started(RunInfo info) {
        epochs = info.epochs();
        totalSteps = (long) info.stepsPerEpoch() * info.epochs();
        examples = info.trainSamples();
        runs.recordStart(runId, info.trainSamples(), info.valSamples(), info.stepsPerEpoch());
        send(Phase.STARTED, info.startEpoch() + 1, (long) info.startEpoch() * info.stepsPerEpoch(), Map.of(), 0, String.format(
                Locale.ROOT, "%s: %d train / %d val questions, %d steps per epoch, %d epochs, %,d parameters; skipped %s",
                info.mode().cliName(), info.trainSamples(), info.valSamples(), info.stepsPerEpoch(), info.epochs(),
                info.parameters(), info.trainSkipped()));
    }

    @Override
    public void step(StepProgress p) {
        lr = p.lr();
        if (p.step() % stepEvery != 0 && p.step() != p.stepsPerEpoch()) return;
        Map<String, Double> losses = finite(p.losses());
        runs.recordStep(runId, p.globalStep(), losses, p.samplesPerSecond());
        send(Phase.TRAINING, p.epoch() + 1, p.globalStep(), losses, p.samplesPerSecond(), String.format(Locale.ROOT,
                "epoch %d/%d step %d/%d, ETA %.0f s", p.epoch() + 1, epochs, p.step(), p.stepsPerEpoch(), p.etaSeconds()));
    }

    @Override
    public void epoch(EpochResult r) {
        runs.upsertEpoch(runId, new TrainingRunView.EpochMetrics(r.epoch() + 1, finite(r.trainLosses()),
                finite(r.valMetrics()), r.best(), r.checkpoint() == null ? "" : r.checkpoint().toString(), r.seconds(),
                r.samplesPerSecond()));
        send(r.valMetrics().isEmpty() ? Phase.TRAINING : Phase.VALIDATING, r.epoch() + 1,
                (long) (r.epoch() + 1) * (totalSteps / Math.max(1, epochs)), finite(r.trainLosses()), r.samplesPerSecond(),
                String.format(Locale.ROOT, "epoch %d/%d done in %.1f s%s%s", r.epoch() + 1, r.epochs(), r.seconds(),
                        r.valMetrics().isEmpty() ? "" : "; val " + format(r.valMetrics()), r.best() ? " [best]" : ""),
                finite(r.valMetrics()));
    }

    /**
     * A best checkpoint: persisted in {@code models}, then announced on {@code rex.models}. The location is the
     * epoch's own folder when it holds the same weights: {@code best/} is replaced by every later best epoch, the
     * epoch folder never changes, so the announced sha256 stays true for as long as the folder exists.
     */
    @Override
    public void checkpoint(Path dir, boolean best, int epoch, Map<String, Double> valMetrics) {
        if (!best) {
            lastEpochDir = dir;
            return;
        }
        String version = runId + "-epoch-" + String.format(Locale.ROOT, "%03d", epoch + 1);
        Map<String, Object> config = new LinkedHashMap<>(readConfig(dir));
        config.put("training", request);
        String sha = sha256(dir);
        Path location = dir;
        if (lastEpochDir != null && Files.isRegularFile(lastEpochDir.resolve(RexCheckpoint.WEIGHTS))
                && sha.equals(sha256(lastEpochDir))) location = lastEpochDir;
        ModelEvent event = new ModelEvent(EventIds.newId(), runId, EventTypes.MODEL.currentVersion(), modelName, version,
                runId, location.toAbsolutePath().toString(), sha, config, finite(valMetrics), Instant.now().toString());
        ModelTable.upsert(ds, event);
        KafkaEvents.publish(models, event, publishTimeout);
        runs.recordBest(runId, epoch + 1, valMetrics.get(selectionMetric), version);
    }

    /** The final event of the run (FINISHED or FAILED; a cancelled run ends FAILED with "cancelled" in its text). */
    void finished(Phase phase, String message) {
        send(phase, 0, 0, Map.of(), 0, message);
    }

    private void send(Phase phase, int epoch, long step, Map<String, Double> losses, double samplesPerSecond,
                      String message) {
        send(phase, epoch, step, losses, samplesPerSecond, message, Map.of());
    }

    private void send(Phase phase, int epoch, long step, Map<String, Double> losses, double samplesPerSecond,
                      String message, Map<String, Double> valMetrics) {
        KafkaEvents.publish(progress, new TrainingProgressEvent(EventIds.newId(), runId,
                EventTypes.TRAINING_PROGRESS.currentVersion(), runId, modelName, phase, epoch, step,
                Math.max(totalSteps, step), examples, losses, Double.isFinite(samplesPerSecond) ? samplesPerSecond : 0,
                lr, message, valMetrics), publishTimeout);
    }

    /** JSON (and PostgreSQL's jsonb) has no NaN or infinity: such values are left out. */
    private static Map<String, Double> finite(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) out.put(k, v);
        });
        return out;
    }

    private static String format(Map<String, Double> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Object> readConfig(Path dir) {
        Path file = dir.resolve(RexCheckpoint.CONFIG);
        try {
            return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), new TypeReference<>() { }) : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint's " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path checkpoint) {
        try {
            return RexCheckpoint.weightsSha256(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the weights of " + checkpoint + ": " + e.getMessage(), e);
        }
    }
}
