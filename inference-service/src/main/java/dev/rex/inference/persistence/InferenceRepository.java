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
import java.util.List;
import java.util.Optional;

/** Requests with their predictions (by qid) and the announced checkpoints (schema: db/migration, db/models). */
@ApplicationScoped
public class InferenceRepository {
    private final DataSource ds;

    public InferenceRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Idempotent by qid: a redelivered request replaces its row and its prediction. */
    public void upsert(InferenceRequestEvent r, PredictionEvent p) {
        Sql.update(ds, """
                INSERT INTO predictions (qid, image_id, split, status, model_version, correlation_id, request, prediction)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
                ON CONFLICT (qid) DO UPDATE SET image_id = EXCLUDED.image_id, split = EXCLUDED.split,
                    status = EXCLUDED.status, model_version = EXCLUDED.model_version,
                    correlation_id = EXCLUDED.correlation_id, request = EXCLUDED.request,
                    prediction = EXCLUDED.prediction, deliveries = predictions.deliveries + 1, updated_at = now()
                """, r.qid(), r.imageId(), r.split(), p.status().name(), p.modelVersion(), r.correlationId(),
                EventCodec.encode(r), EventCodec.encode(p));
    }

    public Optional<String> findPredictionJson(String qid) {
        return Sql.one(ds, "SELECT prediction::text FROM predictions WHERE qid = ?", rs -> rs.getString(1), qid);
    }

    /** How many times the request of {@code qid} was delivered (its row counts redeliveries); empty: never. */
    public Optional<Integer> deliveries(String qid) {
        return Sql.one(ds, "SELECT deliveries FROM predictions WHERE qid = ?", rs -> rs.getInt(1), qid);
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
}
