package dev.rex.preprocessing.persistence;

import dev.rex.events.QuestionEvent;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
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
    private static final String UPSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";
    private static final String UPSERT_TAIL = """
             ON CONFLICT (qid) DO UPDATE SET image_id = EXCLUDED.image_id, split = EXCLUDED.split,
                question = EXCLUDED.question, answer = EXCLUDED.answer, correlation_id = EXCLUDED.correlation_id,
                routed_to_explanation = EXCLUDED.routed_to_explanation,
                routed_to_inference = EXCLUDED.routed_to_inference, program_rejection = EXCLUDED.program_rejection,
                event = EXCLUDED.event, deliveries = questions.deliveries + EXCLUDED.deliveries, updated_at = now()""";
    private static final int ROWS_PER_STATEMENT = 1000;

    /**
     * Idempotent by qid, in one transaction (multi-row statements): a redelivered or re-ingested question replaces
     * the row and adds its deliveries. Each qid at most once in {@code rows}.
     */
    public void upsertAll(List<Row> rows) {
        if (rows.isEmpty()) return;
        Sql.inTransaction(ds, c -> {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<Row> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
                StringBuilder sql = new StringBuilder(UPSERT_HEAD);
                for (int i = 0; i < part.size(); i++) sql.append(i == 0 ? "" : ", ").append(UPSERT_ROW);
                sql.append(UPSERT_TAIL);
                try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                    int k = 0;
                    for (Row r : part) {
                        QuestionEvent q = r.question();
                        Object[] values = {q.qid(), q.imageId(), q.split(), q.question(), q.answer(), q.correlationId(),
                                r.routedToExplanation(), r.routedToInference(), r.programRejection(),
                                r.eventJson(), r.deliveries()};
                        for (Object v : values) st.setObject(++k, v);
                    }
                    st.executeUpdate();
                }
            }
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
