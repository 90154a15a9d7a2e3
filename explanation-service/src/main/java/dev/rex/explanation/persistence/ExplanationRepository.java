package dev.rex.explanation.persistence;

import dev.rex.events.EventCodec;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.Optional;

/** One row per qid: the program received and the explanation produced for it (schema: db/migration). */
@ApplicationScoped
public class ExplanationRepository {
    private final DataSource ds;

    public ExplanationRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Idempotent by qid: a redelivered program replaces the row. */
    public void upsert(ProgramEvent program, ExplanationEvent explanation) {
        Sql.update(ds, """
                INSERT INTO explanations (qid, image_id, split, status, correlation_id, program, explanation)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
                ON CONFLICT (qid) DO UPDATE SET image_id = EXCLUDED.image_id, split = EXCLUDED.split,
                    status = EXCLUDED.status, correlation_id = EXCLUDED.correlation_id, program = EXCLUDED.program,
                    explanation = EXCLUDED.explanation, deliveries = explanations.deliveries + 1, updated_at = now()
                """, program.qid(), program.imageId(), program.split(), explanation.status().name(),
                program.correlationId(), EventCodec.encode(program), EventCodec.encode(explanation));
    }

    public Optional<String> findExplanationJson(String qid) {
        return Sql.one(ds, "SELECT explanation::text FROM explanations WHERE qid = ?", rs -> rs.getString(1), qid);
    }

    public Optional<String> findProgramJson(String qid) {
        return Sql.one(ds, "SELECT program::text FROM explanations WHERE qid = ?", rs -> rs.getString(1), qid);
    }
}
