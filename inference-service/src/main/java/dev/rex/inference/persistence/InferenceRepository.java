package dev.rex.inference.persistence;

import dev.rex.events.EventCodec;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ModelEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.service.ModelTable;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests with their predictions, one row per (qid, model version), and the announced checkpoints (schema:
 * db/migration, db/models). Rows no model answered have the version ''.
 */
@ApplicationScoped
public class InferenceRepository {
    private final DataSource ds;

    public InferenceRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A request and the prediction made for it. */
    public record Answered(InferenceRequestEvent request, PredictionEvent prediction) {
    }

    /**
     * Stores a batch's rows in one database transaction: each upserted by (qid, model version); a row that an
     * earlier, uncommitted attempt at the same request left under another version is removed, so a request keeps
     * one row whichever version finally answered it.
     */
    public void saveAll(List<Answered> rows) {
        if (rows.isEmpty()) return;
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO predictions (qid, model_version, request_id, image_id, split, status, requested_version,
                                             correlation_id, request, prediction)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
                    ON CONFLICT (qid, model_version) DO UPDATE SET request_id = EXCLUDED.request_id,
                        image_id = EXCLUDED.image_id, split = EXCLUDED.split, status = EXCLUDED.status,
                        requested_version = EXCLUDED.requested_version, correlation_id = EXCLUDED.correlation_id,
                        request = EXCLUDED.request, prediction = EXCLUDED.prediction,
                        deliveries = predictions.deliveries + 1, updated_at = now()
                    """);
                 PreparedStatement stale = c.prepareStatement(
                         "DELETE FROM predictions WHERE request_id = ? AND model_version <> ?")) {
                for (Answered a : rows) {
                    InferenceRequestEvent r = a.request();
                    PredictionEvent p = a.prediction();
                    String version = versionKey(p);
                    stale.setString(1, r.id());
                    stale.setString(2, version);
                    stale.addBatch();
                    int i = 1;
                    upsert.setString(i++, r.qid());
                    upsert.setString(i++, version);
                    upsert.setString(i++, r.id());
                    upsert.setString(i++, r.imageId());
                    upsert.setString(i++, r.split());
                    upsert.setString(i++, p.status().name());
                    upsert.setString(i++, r.modelVersion());
                    upsert.setString(i++, r.correlationId());
                    upsert.setString(i++, EventCodec.encode(r));
                    upsert.setString(i, EventCodec.encode(p));
                    upsert.addBatch();
                }
                stale.executeBatch();
                upsert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + rows.size() + " prediction(s) failed: " + e.getMessage(), e);
        }
    }

    /** The stored predictions of these request ids (by request id): what a redelivery publishes again. */
    public Map<String, PredictionEvent> predictionsOfRequests(Collection<String> requestIds) {
        Map<String, PredictionEvent> out = new LinkedHashMap<>();
        if (requestIds.isEmpty()) return out;
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT request_id, prediction::text FROM predictions WHERE request_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", requestIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), EventCodec.decode(EventTypes.PREDICTION, rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading stored predictions failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** The newest prediction for the qid, or the one of {@code modelVersion} when given. */
    public Optional<String> findPredictionJson(String qid, Optional<String> modelVersion) {
        if (modelVersion.isPresent()) {
            return Sql.one(ds, "SELECT prediction::text FROM predictions WHERE qid = ? AND model_version = ?",
                    rs -> rs.getString(1), qid, modelVersion.get());
        }
        return Sql.one(ds, "SELECT prediction::text FROM predictions WHERE qid = ? ORDER BY updated_at DESC LIMIT 1",
                rs -> rs.getString(1), qid);
    }

    public Optional<String> findPredictionJson(String qid) {
        return findPredictionJson(qid, Optional.empty());
    }

    /** How many times requests for {@code qid} were stored (a row counts its redeliveries); empty: never. */
    public Optional<Integer> deliveries(String qid) {
        return Sql.one(ds, "SELECT sum(deliveries)::int FROM predictions WHERE qid = ? HAVING count(*) > 0",
                rs -> rs.getInt(1), qid);
    }

    /** Announced checkpoints of any name, newest announcement first (a redelivered announcement keeps its place). */
    public List<ModelEvent> modelsNewestFirst(int limit) {
        return Sql.query(ds, "SELECT event::text FROM models ORDER BY created_at DESC, updated_at DESC LIMIT ?",
                rs -> EventCodec.decode(EventTypes.MODEL, rs.getString(1)), limit);
    }

    public void upsertModel(ModelEvent m) {
        ModelTable.upsert(ds, m);
    }

    public Optional<String> latestModelJson(String modelName) {
        return ModelTable.latestJson(ds, modelName);
    }

    private static String versionKey(PredictionEvent p) {
        return p.status() == PredictionEvent.Status.PREDICTED ? p.modelVersion() : "";
    }
}
