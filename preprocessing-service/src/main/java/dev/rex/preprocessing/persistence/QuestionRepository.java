package dev.rex.preprocessing.persistence;

import dev.rex.events.EventCodec;
import dev.rex.events.QuestionEvent;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.Optional;

/** Ingested questions, one row per qid (schema: db/migration). */
@ApplicationScoped
public class QuestionRepository {
    private final DataSource ds;

    public QuestionRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Idempotent by qid: a redelivered or re-ingested question replaces the row and counts the delivery.
     *
     * @param programRejection why the question's program could not be abstracted (null when it could, or has none)
     */
    public void upsert(QuestionEvent q, boolean routedToExplanation, boolean routedToInference, String programRejection) {
        Sql.update(ds, """
                INSERT INTO questions (qid, image_id, split, question, answer, correlation_id, routed_to_explanation,
                                       routed_to_inference, program_rejection, event)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (qid) DO UPDATE SET image_id = EXCLUDED.image_id, split = EXCLUDED.split,
                    question = EXCLUDED.question, answer = EXCLUDED.answer, correlation_id = EXCLUDED.correlation_id,
                    routed_to_explanation = EXCLUDED.routed_to_explanation,
                    routed_to_inference = EXCLUDED.routed_to_inference, program_rejection = EXCLUDED.program_rejection,
                    event = EXCLUDED.event, deliveries = questions.deliveries + 1, updated_at = now()
                """, q.qid(), q.imageId(), q.split(), q.question(), q.answer(), q.correlationId(),
                routedToExplanation, routedToInference, programRejection, EventCodec.encode(q));
    }

    /** Why the question's program was rejected, if it was. */
    public Optional<String> programRejection(String qid) {
        return Sql.one(ds, "SELECT program_rejection FROM questions WHERE qid = ? AND program_rejection IS NOT NULL",
                rs -> rs.getString(1), qid);
    }

    /** The stored question event as JSON. */
    public Optional<String> findJson(String qid) {
        return Sql.one(ds, "SELECT event::text FROM questions WHERE qid = ?", rs -> rs.getString(1), qid);
    }

    /** How often the question was delivered (1 on first ingest). */
    public long deliveries(String qid) {
        return Sql.count(ds, "SELECT deliveries FROM questions WHERE qid = ?", qid);
    }
}
