package dev.rex.training.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs and their epochs (schema: db/migration V2). Every write is one auto-committed statement. */
@ApplicationScoped
public class TrainingRunRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> DOUBLE_MAP = new TypeReference<>() { };
    private static final String COLUMNS = """
            id, status, mode, model_name, request::text, out_dir, epochs, train_samples, val_samples, steps_per_epoch,
            global_step, last_losses::text, samples_per_second, best_epoch, best_score, best_version, message,
            cancel_requested, created_at, started_at, finished_at""";

    private final DataSource ds;

    public TrainingRunRepository(DataSource ds) {
        this.ds = ds;
    }

    public void insertQueued(String id, String mode, String modelName, Map<String, Object> request, String outDir,
                             int epochs) {
        Sql.update(ds, """
                INSERT INTO training_runs (id, status, mode, model_name, request, out_dir, epochs)
                VALUES (?, 'QUEUED', ?, ?, ?::jsonb, ?, ?)
                """, id, mode, modelName, json(request), outDir, epochs);
    }

    /** False when the run is no longer QUEUED (cancelled meanwhile): it must not start. */
    public boolean markRunning(String id) {
        return Sql.update(ds, """
                UPDATE training_runs SET status = 'RUNNING', started_at = now(), updated_at = now()
                WHERE id = ? AND status = 'QUEUED'""", id) == 1;
    }

    /** Cancels a run that has not started; false when it is running or over. */
    public boolean cancelQueued(String id, String message) {
        return Sql.update(ds, """
                UPDATE training_runs SET status = 'CANCELLED', message = ?, cancel_requested = true, finished_at = now(),
                    updated_at = now() WHERE id = ? AND status = 'QUEUED'""", message, id) == 1;
    }

    public void recordStart(String id, int trainSamples, int valSamples, int stepsPerEpoch) {
        Sql.update(ds, """
                UPDATE training_runs SET train_samples = ?, val_samples = ?, steps_per_epoch = ?, updated_at = now()
                WHERE id = ?""", trainSamples, valSamples, stepsPerEpoch, id);
    }

    public void recordStep(String id, long globalStep, Map<String, Double> losses, double samplesPerSecond) {
        Sql.update(ds, """
                UPDATE training_runs SET global_step = ?, last_losses = ?::jsonb, samples_per_second = ?, updated_at = now()
                WHERE id = ?""", globalStep, json(losses), samplesPerSecond, id);
    }

    /** Idempotent by (run, epoch): a resumed epoch overwrites its row. */
    public void upsertEpoch(String id, TrainingRunView.EpochMetrics e) {
        Sql.update(ds, """
                INSERT INTO training_epochs (run_id, epoch, train_losses, val_metrics, best, checkpoint, seconds,
                    samples_per_second) VALUES (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT (run_id, epoch) DO UPDATE SET train_losses = EXCLUDED.train_losses,
                    val_metrics = EXCLUDED.val_metrics, best = EXCLUDED.best, checkpoint = EXCLUDED.checkpoint,
                    seconds = EXCLUDED.seconds, samples_per_second = EXCLUDED.samples_per_second
                """, id, e.epoch(), json(e.trainLosses()), json(e.valMetrics()), e.best(), e.checkpoint(), e.seconds(),
                e.samplesPerSecond());
    }

    public void recordBest(String id, int epoch, Double score, String version) {
        Sql.update(ds, """
                UPDATE training_runs SET best_epoch = ?, best_score = ?, best_version = ?, updated_at = now()
                WHERE id = ?""", epoch, score, version, id);
    }

    /** A final status; a run already final keeps its first one (a cancel racing the end does not rewrite it). */
    public void finish(String id, RunStatus status, String message) {
        Sql.update(ds, """
                UPDATE training_runs SET status = ?, message = ?, finished_at = now(), updated_at = now()
                WHERE id = ? AND status IN ('QUEUED', 'RUNNING')""", status.name(), message, id);
    }

    public void requestCancel(String id) {
        Sql.update(ds, "UPDATE training_runs SET cancel_requested = true, updated_at = now() WHERE id = ?", id);
    }

    /** Runs left QUEUED or RUNNING by a previous process: they cannot continue here. */
    public int failInterrupted(String message) {
        return Sql.update(ds, """
                UPDATE training_runs SET status = 'FAILED', message = ?, finished_at = now(), updated_at = now()
                WHERE status IN ('QUEUED', 'RUNNING')""", message);
    }

    public Optional<TrainingRunView> find(String id) {
        return Sql.one(ds, "SELECT " + COLUMNS + " FROM training_runs WHERE id = ?", r -> view(r, epochs(id)), id);
    }

    /** The newest runs first, without their epochs. */
    public List<TrainingRunView> list(int limit) {
        return Sql.query(ds, "SELECT " + COLUMNS + " FROM training_runs ORDER BY created_at DESC, id LIMIT ?",
                r -> view(r, null), limit);
    }

    private List<TrainingRunView.EpochMetrics> epochs(String id) {
        return Sql.query(ds, """
                SELECT epoch, train_losses::text, val_metrics::text, best, checkpoint, seconds, samples_per_second
                FROM training_epochs WHERE run_id = ? ORDER BY epoch""",
                r -> new TrainingRunView.EpochMetrics(r.getInt(1), read(r.getString(2), DOUBLE_MAP),
                        read(r.getString(3), DOUBLE_MAP), r.getBoolean(4), r.getString(5), r.getDouble(6), r.getDouble(7)),
                id);
    }

    private static TrainingRunView view(ResultSet r, List<TrainingRunView.EpochMetrics> epochs) throws SQLException {
        return new TrainingRunView(r.getString(1), RunStatus.valueOf(r.getString(2)), r.getString(3), r.getString(4),
                read(r.getString(5), OBJECT_MAP), r.getString(6), r.getInt(7), integer(r, 8), integer(r, 9),
                integer(r, 10), r.getLong(11), read(r.getString(12), DOUBLE_MAP), (Double) r.getObject(13),
                integer(r, 14), (Double) r.getObject(15), r.getString(16), r.getString(17), r.getBoolean(18),
                instant(r.getTimestamp(19)), instant(r.getTimestamp(20)), instant(r.getTimestamp(21)), epochs);
    }

    private static Integer integer(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
