package dev.rex.evaluation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.evaluation.run.MetricTable;
import dev.rex.evaluation.run.ScoredPrediction;
import dev.rex.events.EventCodec;
import dev.rex.events.EventTypes;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Evaluation runs and their metric rows (V2 migration), and what a run reads: the pair's predictions and references. */
@ApplicationScoped
public class RunRepository {
    /** A (model version, split). */
    public record Pair(String modelVersion, String split) {
    }

    /** A run as stored, with its metric rows in table order (empty until it completed). */
    public record Run(String runId, String modelVersion, String split, String trigger, String status,
                      Long predictionCount, Long referenceCount, Integer captionItems, Integer emptyPredictions,
                      Integer noReference, Map<String, String> notes, String error, String createdAt,
                      String startedAt, String finishedAt, String modelName, Long expectedCount, Long missingCount,
                      List<MetricTable.Row> metrics) {
    }

    /**
     * What a run scores: the pair's predictions with their references, the questions of the split with a reference
     * (the expected predictions) and how many of those have no prediction of the model version (missing).
     */
    public record Snapshot(List<ScoredPrediction> predictions, long expected, long missing) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_COLUMNS = "run_id, model_version, split, trigger, status, prediction_count, "
            + "reference_count, caption_items, empty_predictions, no_reference, notes::text, error, created_at, "
            + "started_at, finished_at, model_name, expected_count, missing_count";

    private final DataSource ds;

    public RunRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Queues a run of {@code pair}: its id is {@code eval-<model version>-<split>-<n>}, n increasing. */
    public String queue(Pair pair, String trigger) {
        return Sql.one(ds, """
                WITH n AS (SELECT nextval('evaluation_run_seq') AS seq)
                INSERT INTO evaluation_runs (seq, run_id, model_version, split, trigger, status)
                SELECT n.seq, 'eval-' || ? || '-' || ? || '-' || n.seq, ?, ?, ?, 'QUEUED' FROM n
                RETURNING run_id
                """, rs -> rs.getString(1), pair.modelVersion(), pair.split(), pair.modelVersion(), pair.split(),
                trigger).orElseThrow();
    }

    /** A run of {@code pair} that is queued and not started yet (a new request joins it), if any. */
    public Optional<String> queuedRun(Pair pair) {
        return Sql.query(ds, "SELECT run_id FROM evaluation_runs WHERE model_version = ? AND split = ? "
                        + "AND status = 'QUEUED' ORDER BY seq DESC LIMIT 1", rs -> rs.getString(1),
                pair.modelVersion(), pair.split()).stream().findFirst();
    }

    /** Marks the run started and returns its row, with the model's name when {@code rex.models} announced it. */
    public Run started(String runId, String modelVersion) {
        Sql.update(ds, "UPDATE evaluation_runs SET status = 'RUNNING', started_at = now(), model_name = ? "
                + "WHERE run_id = ?", modelName(modelVersion).orElse(null), runId);
        return find(runId).orElseThrow();
    }

    /** The name announced on {@code rex.models} for a version, if this service saw the announcement. */
    public Optional<String> modelName(String modelVersion) {
        return Sql.one(ds, "SELECT model_name FROM models WHERE version = ? ORDER BY updated_at DESC LIMIT 1",
                rs -> rs.getString(1), modelVersion);
    }

    public Snapshot snapshot(Pair pair) {
        List<ScoredPrediction> predictions = predictions(pair);
        long expected = Sql.count(ds, "SELECT count(*) FROM reference_explanations WHERE split = ?", pair.split());
        long missing = Sql.count(ds, """
                SELECT count(*) FROM reference_explanations r WHERE r.split = ? AND NOT EXISTS
                    (SELECT 1 FROM predictions p WHERE p.model_version = ? AND p.qid = r.qid)
                """, pair.split(), pair.modelVersion());
        return new Snapshot(predictions, expected, missing);
    }

    /** Stores the table and the run's outcome ({@code COMPLETE} or {@code PARTIAL}). */
    public void finished(String runId, String status, long predictions, long references, long expected, long missing,
                         MetricTable table) {
        Sql.update(ds, "DELETE FROM evaluation_metrics WHERE run_id = ?", runId);
        int position = 0;
        for (MetricTable.Row row : table.rows()) {
            Sql.update(ds, "INSERT INTO evaluation_metrics (run_id, position, metric, value, note) VALUES (?, ?, ?, ?, ?)",
                    runId, position++, row.metric(), row.value(), row.note());
        }
        Sql.update(ds, """
                UPDATE evaluation_runs SET status = ?, prediction_count = ?, reference_count = ?, caption_items = ?,
                    empty_predictions = ?, no_reference = ?, notes = ?::jsonb, expected_count = ?, missing_count = ?,
                    finished_at = now()
                WHERE run_id = ?
                """, status, predictions, references, table.captionItems(), table.emptyPredictions(),
                table.noReference(), json(table.notes()), expected, missing, runId);
    }

    public void failed(String runId, String error) {
        Sql.update(ds, "UPDATE evaluation_runs SET status = 'FAILED', error = ?, finished_at = now() WHERE run_id = ?",
                error, runId);
    }

    public Optional<Run> find(String runId) {
        return Sql.one(ds, "SELECT " + RUN_COLUMNS + " FROM evaluation_runs WHERE run_id = ?", this::run, runId);
    }

    /** The latest finished run of every (model version, split), newest pairs first. */
    public List<Run> latestTables() {
        return Sql.query(ds, "SELECT " + RUN_COLUMNS + " FROM (SELECT DISTINCT ON (model_version, split) * "
                + "FROM evaluation_runs WHERE status IN ('COMPLETE', 'PARTIAL') "
                + "ORDER BY model_version, split, seq DESC) latest ORDER BY seq DESC", this::run);
    }

    /** The predictions of {@code pair} in qid order, each with its reference record when one arrived. */
    public List<ScoredPrediction> predictions(Pair pair) {
        return Sql.query(ds, """
                SELECT p.prediction::text, r.explanation::text FROM predictions p
                LEFT JOIN reference_explanations r ON r.qid = p.qid
                WHERE p.model_version = ? AND p.split = ? ORDER BY p.qid
                """, rs -> new ScoredPrediction(EventCodec.decode(EventTypes.PREDICTION, rs.getString(1)),
                rs.getString(2) == null ? null : EventCodec.decode(EventTypes.EXPLANATION, rs.getString(2))),
                pair.modelVersion(), pair.split());
    }

    public boolean hasPredictions(Pair pair) {
        return Sql.count(ds, "SELECT count(*) FROM predictions WHERE model_version = ? AND split = ?",
                pair.modelVersion(), pair.split()) > 0;
    }

    /** The pairs with a prediction of {@code qid}: a reference arriving late changes their tables. */
    public List<Pair> pairsOf(String qid) {
        return Sql.query(ds, "SELECT model_version, split FROM predictions WHERE qid = ?",
                rs -> new Pair(rs.getString(1), rs.getString(2)), qid);
    }

    /** Pairs with a prediction newer than their latest run: stale tables to recompute after a restart. */
    public List<Pair> stalePairs() {
        return Sql.query(ds, """
                SELECT p.model_version, p.split FROM predictions p
                GROUP BY p.model_version, p.split
                HAVING max(p.updated_at) > coalesce((SELECT max(r.created_at) FROM evaluation_runs r
                    WHERE r.model_version = p.model_version AND r.split = p.split), '-infinity'::timestamptz)
                """, rs -> new Pair(rs.getString(1), rs.getString(2)));
    }

    private Run run(ResultSet rs) throws SQLException {
        String runId = rs.getString(1);
        List<MetricTable.Row> metrics = Sql.query(ds,
                "SELECT metric, value, note FROM evaluation_metrics WHERE run_id = ? ORDER BY position",
                m -> new MetricTable.Row(m.getString(1), (Double) m.getObject(2), m.getString(3)), runId);
        return new Run(runId, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                (Long) rs.getObject(6), (Long) rs.getObject(7), (Integer) rs.getObject(8), (Integer) rs.getObject(9),
                (Integer) rs.getObject(10), notes(rs.getString(11)), rs.getString(12), time(rs, 13), time(rs, 14),
                time(rs, 15), rs.getString(16), (Long) rs.getObject(17), (Long) rs.getObject(18), metrics);
    }

    private static String time(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toString();
    }

    private static Map<String, String> notes(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notes are not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, String> notes) {
        try {
            return JSON.writeValueAsString(notes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
