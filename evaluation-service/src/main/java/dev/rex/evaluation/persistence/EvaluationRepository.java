package dev.rex.evaluation.persistence;

import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventCodec;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.Optional;

/** References (by qid), predictions (by model version and qid) and evaluation tables (by run id). */
@ApplicationScoped
public class EvaluationRepository {
    public record Counts(long predictions, long withReference) {
    }

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

    /** Predictions of (model version, split), and how many of them have an explained reference. */
    public Counts counts(String modelVersion, String split) {
        return Sql.one(ds, """
                SELECT count(*), count(r.qid) FROM predictions p
                LEFT JOIN reference_explanations r ON r.qid = p.qid AND r.status = 'EXPLAINED'
                WHERE p.model_version = ? AND p.split = ?
                """, rs -> new Counts(rs.getLong(1), rs.getLong(2)), modelVersion, split).orElse(new Counts(0, 0));
    }

    public void upsertEvaluation(EvaluationEvent e) {
        Sql.update(ds, """
                INSERT INTO evaluations (run_id, model_version, split, status, event) VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (run_id) DO UPDATE SET status = EXCLUDED.status, event = EXCLUDED.event, updated_at = now()
                """, e.runId(), e.modelVersion(), e.split(), e.status().name(), EventCodec.encode(e));
    }

    public Optional<String> findEvaluationJson(String runId) {
        return Sql.one(ds, "SELECT event::text FROM evaluations WHERE run_id = ?", rs -> rs.getString(1), runId);
    }

    public Optional<String> findReferenceJson(String qid) {
        return Sql.one(ds, "SELECT explanation::text FROM reference_explanations WHERE qid = ?", rs -> rs.getString(1), qid);
    }

    public Optional<String> findPredictionJson(String modelVersion, String qid) {
        return Sql.one(ds, "SELECT prediction::text FROM predictions WHERE model_version = ? AND qid = ?",
                rs -> rs.getString(1), modelVersion, qid);
    }
}
