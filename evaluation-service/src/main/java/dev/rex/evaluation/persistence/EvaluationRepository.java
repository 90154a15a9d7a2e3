package dev.rex.evaluation.persistence;

import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventCodec;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.EventTypes;
import dev.rex.events.PredictionEvent;
import dev.rex.events.TrainingProgressEvent;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * References (by qid), predictions (by model version and qid), the latest evaluation state per (model version,
 * split), and the training progress the dashboard draws.
 */
@ApplicationScoped
public class EvaluationRepository {
    private final DataSource ds;

    public EvaluationRepository(DataSource ds) {
        this.ds = ds;
    }

    public void upsertReference(ExplanationEvent x) {
        Sql.update(ds, """
                INSERT INTO reference_explanations (qid, split, status, explanation) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (qid) DO UPDATE SET split = EXCLUDED.split, status = EXCLUDED.status,
                    explanation = EXCLUDED.explanation, updated_at = now()
                """, x.qid(), x.split(), x.status().name(), EventCodec.encode(x));
    }

    /** Idempotent by (model version, qid). */
    public void upsertPrediction(PredictionEvent p, String split) {
        Sql.update(ds, """
                INSERT INTO predictions (model_version, qid, split, prediction) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (model_version, qid) DO UPDATE SET split = EXCLUDED.split, prediction = EXCLUDED.prediction,
                    updated_at = now()
                """, p.modelVersion(), p.qid(), split, EventCodec.encode(p));
    }

    /** A prediction without a model: kept for the record, never scored. */
    public void recordUnscored(PredictionEvent p) {
        Sql.update(ds, """
                INSERT INTO unscored_predictions (qid, prediction) VALUES (?, ?::jsonb)
                ON CONFLICT (qid) DO UPDATE SET prediction = EXCLUDED.prediction, updated_at = now()
                """, p.qid(), EventCodec.encode(p));
    }

    /**
     * The counts of (model version, split) while no run is going: predictions, the split's questions with a
     * reference, how many of those have no prediction, and predictions without an explained reference.
     */
    public EvaluationEvent.Counts pendingCounts(String modelVersion, String split) {
        return Sql.one(ds, """
                SELECT (SELECT count(*) FROM predictions WHERE model_version = ? AND split = ?),
                       (SELECT count(*) FROM reference_explanations WHERE split = ?),
                       (SELECT count(*) FROM reference_explanations r WHERE r.split = ? AND NOT EXISTS
                            (SELECT 1 FROM predictions p WHERE p.model_version = ? AND p.qid = r.qid)),
                       (SELECT count(*) FROM predictions p WHERE p.model_version = ? AND p.split = ? AND NOT EXISTS
                            (SELECT 1 FROM reference_explanations r WHERE r.qid = p.qid AND r.status = 'EXPLAINED'))
                """, rs -> new EvaluationEvent.Counts(rs.getLong(1), rs.getLong(2), 0, 0, rs.getLong(3), rs.getLong(4)),
                modelVersion, split, split, split, modelVersion, modelVersion, split).orElseThrow();
    }

    /** The latest state of the event's (model version, split): what a compacted rex.evaluations would hold. */
    public void upsertState(EvaluationEvent e) {
        Sql.update(ds, """
                INSERT INTO evaluation_states (model_version, split, status, event) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (model_version, split) DO UPDATE SET status = EXCLUDED.status, event = EXCLUDED.event,
                    updated_at = now()
                """, e.modelVersion(), e.split(), e.status().name(), EventCodec.encode(e));
    }

    /** The latest state of every pair, most recently changed first. */
    public List<EvaluationEvent> states() {
        return Sql.query(ds, "SELECT event::text FROM evaluation_states ORDER BY updated_at DESC",
                rs -> EventCodec.decode(EventTypes.EVALUATION, rs.getString(1)));
    }

    public Optional<EvaluationEvent> state(String modelVersion, String split) {
        return Sql.one(ds, "SELECT event::text FROM evaluation_states WHERE model_version = ? AND split = ?",
                rs -> EventCodec.decode(EventTypes.EVALUATION, rs.getString(1)), modelVersion, split);
    }

    /** Idempotent by event id (a redelivered progress event is stored once). */
    public void recordProgress(TrainingProgressEvent t) {
        Sql.update(ds, """
                INSERT INTO training_progress (event_id, run_id, model_name, phase, event) VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (event_id) DO NOTHING
                """, t.id(), t.runId(), t.modelName(), t.phase().name(), EventCodec.encode(t));
    }

    /** The training runs seen, newest first, with their latest event. */
    public List<TrainingProgressEvent> trainingRuns(int limit) {
        return Sql.query(ds, """
                SELECT event::text FROM (SELECT DISTINCT ON (run_id) run_id, seq, event FROM training_progress
                    ORDER BY run_id, seq DESC) latest ORDER BY seq DESC LIMIT ?
                """, rs -> EventCodec.decode(EventTypes.TRAINING_PROGRESS, rs.getString(1)), limit);
    }

    /** A run's progress events in arrival order, at most {@code limit} (the latest ones). */
    public List<TrainingProgressEvent> trainingProgress(String runId, int limit) {
        return Sql.query(ds, """
                SELECT event::text FROM (SELECT seq, event FROM training_progress WHERE run_id = ?
                    ORDER BY seq DESC LIMIT ?) last ORDER BY seq
                """, rs -> EventCodec.decode(EventTypes.TRAINING_PROGRESS, rs.getString(1)), runId, limit);
    }

    /** Qids of a pair's predictions in qid order, from {@code offset}, at most {@code limit}. */
    public List<String> predictedQids(String modelVersion, String split, int offset, int limit) {
        return Sql.query(ds, "SELECT qid FROM predictions WHERE model_version = ? AND split = ? ORDER BY qid "
                + "OFFSET ? LIMIT ?", rs -> rs.getString(1), modelVersion, split, offset, limit);
    }

    public Optional<String> findReferenceJson(String qid) {
        return Sql.one(ds, "SELECT explanation::text FROM reference_explanations WHERE qid = ?", rs -> rs.getString(1), qid);
    }

    public Optional<String> findPredictionJson(String modelVersion, String qid) {
        return Sql.one(ds, "SELECT prediction::text FROM predictions WHERE model_version = ? AND qid = ?",
                rs -> rs.getString(1), modelVersion, qid);
    }
}
