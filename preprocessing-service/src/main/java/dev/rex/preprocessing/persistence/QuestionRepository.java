package dev.rex.preprocessing.persistence;

import dev.rex.events.QuestionEvent;
import dev.rex.service.MultiRowUpsert;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/** Ingested questions, one row per qid (schema: db/migration). */
@ApplicationScoped
public class QuestionRepository {
    private final DataSource ds;

    public QuestionRepository(DataSource ds) {
        this.ds = ds;
    }

    /** One question's row ({@code eventJson}: the record as received); {@code deliveries}: occurrences in the batch. */
    public record Row(QuestionEvent question, String eventJson, boolean routedToExplanation, boolean routedToInference,
                      String programRejection, int deliveries) {
    }

    private static final String UPSERT_HEAD = """
            INSERT INTO questions (qid, image_id, split, question, answer, correlation_id, routed_to_explanation,
                                   routed_to_inference, program_rejection, event, deliveries)
            VALUES """;
    private static final String UPSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_TAIL = """
             ON CONFLICT (qid) DO UPDATE SET image_id = EXCLUDED.image_id, split = EXCLUDED.split,
                question = EXCLUDED.question, answer = EXCLUDED.answer, correlation_id = EXCLUDED.correlation_id,
                routed_to_explanation = EXCLUDED.routed_to_explanation,
                routed_to_inference = EXCLUDED.routed_to_inference, program_rejection = EXCLUDED.program_rejection,
                event = EXCLUDED.event, deliveries = questions.deliveries + EXCLUDED.deliveries, updated_at = now()""";
    private static final MultiRowUpsert<Row> UPSERT = new MultiRowUpsert<>(UPSERT_HEAD, UPSERT_ROW, UPSERT_TAIL,
            r -> new Object[]{r.question().qid(), r.question().imageId(), r.question().split(), r.question().question(),
                    r.question().answer(), r.question().correlationId(), r.routedToExplanation(),
                    r.routedToInference(), r.programRejection(), r.eventJson(), r.deliveries()});

    /**
     * Idempotent by qid, in one transaction (multi-row statements): a redelivered or re-ingested question replaces
     * the row and adds its deliveries. Each qid at most once in {@code rows}.
     */
    public void upsertAll(List<Row> rows) {
        if (rows.isEmpty()) return;
        Sql.inTransaction(ds, c -> {
            UPSERT.run(c, rows);
            return null;
        });
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
