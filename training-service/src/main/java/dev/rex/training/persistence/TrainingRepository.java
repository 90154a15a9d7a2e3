package dev.rex.training.persistence;

import dev.rex.events.EventCodec;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ModelEvent;
import dev.rex.service.ModelTable;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.Optional;

/** The training corpus (explanations by qid) and the announced checkpoints (schema: db/migration, db/models). */
@ApplicationScoped
public class TrainingRepository {
    private final DataSource ds;

    public TrainingRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Idempotent by qid. */
    public void upsertExample(ExplanationEvent x) {
        Sql.update(ds, """
                INSERT INTO training_examples (qid, split, status, correlation_id, explanation)
                VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (qid) DO UPDATE SET split = EXCLUDED.split, status = EXCLUDED.status,
                    correlation_id = EXCLUDED.correlation_id, explanation = EXCLUDED.explanation,
                    deliveries = training_examples.deliveries + 1, updated_at = now()
                """, x.qid(), x.split(), x.status().name(), x.correlationId(), EventCodec.encode(x));
    }

    public long countExamples() {
        return Sql.count(ds, "SELECT count(*) FROM training_examples");
    }

    /** Examples with an explanation to learn from (status EXPLAINED). */
    public long countExplained() {
        return Sql.count(ds, "SELECT count(*) FROM training_examples WHERE status = 'EXPLAINED'");
    }

    public Optional<String> findExampleJson(String qid) {
        return Sql.one(ds, "SELECT explanation::text FROM training_examples WHERE qid = ?", rs -> rs.getString(1), qid);
    }

    public void upsertModel(ModelEvent m) {
        ModelTable.upsert(ds, m);
    }

    public Optional<String> findModelJson(String modelName, String version) {
        return ModelTable.findJson(ds, modelName, version);
    }
}
