package dev.rex.explanation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.events.EventCodec;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One row per qid: the program received, the chain's output at every stage (or its drop / rejection) and the
 * explanation event published for it (schema: db/migration). Upserts keep the row's first-arrival {@code seq}.
 */
@ApplicationScoped
public class ExplanationRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource ds;

    public ExplanationRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Idempotent by qid: a redelivered program replaces the row (without stages: the pass-through form). */
    public void upsert(ProgramEvent program, ExplanationEvent explanation) {
        upsert(program, explanation, StageRecord.pending());
    }

    /** Idempotent by qid: a redelivered program replaces the row's content and counts the delivery. */
    public void upsert(ProgramEvent program, ExplanationEvent explanation, StageRecord s) {
        Sql.update(ds, """
                INSERT INTO explanations (qid, image_id, split, status, correlation_id, program, explanation, answer,
                    semantics, raw_explanation, processed_explanation, grounded_explanation, converted_explanation,
                    drop_reason, rejection_stage, rejection_code, rejection_detail, input_sha256, published_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
                ON CONFLICT (qid) DO UPDATE SET image_id = EXCLUDED.image_id, split = EXCLUDED.split,
                    status = EXCLUDED.status, correlation_id = EXCLUDED.correlation_id, program = EXCLUDED.program,
                    explanation = EXCLUDED.explanation, answer = EXCLUDED.answer, semantics = EXCLUDED.semantics,
                    raw_explanation = EXCLUDED.raw_explanation, processed_explanation = EXCLUDED.processed_explanation,
                    grounded_explanation = EXCLUDED.grounded_explanation,
                    converted_explanation = EXCLUDED.converted_explanation, drop_reason = EXCLUDED.drop_reason,
                    rejection_stage = EXCLUDED.rejection_stage, rejection_code = EXCLUDED.rejection_code,
                    rejection_detail = EXCLUDED.rejection_detail, input_sha256 = EXCLUDED.input_sha256,
                    published_at = NULL,
                    deliveries = explanations.deliveries + 1, updated_at = now()
                """, program.qid(), program.imageId(), program.split(), s.status(), program.correlationId(),
                EventCodec.encode(program), EventCodec.encode(explanation), program.answer(), json(s.semantics()),
                s.raw(), s.processed(), s.grounded(), s.converted(), s.dropReason(), s.rejectionStage(),
                s.rejectionCode(), s.rejectionDetail(), InputFingerprint.of(program));
    }

    /** What is stored for a qid, to recognise a redelivery of the same program. */
    public record Delivered(String inputSha256, boolean published, String explanationJson) {
        public boolean sameInput(ProgramEvent program) {
            return InputFingerprint.of(program).equals(inputSha256);
        }
    }

    public Optional<Delivered> delivered(String qid) {
        return Sql.one(ds, "SELECT input_sha256, published_at IS NOT NULL, explanation::text FROM explanations "
                + "WHERE qid = ?", rs -> new Delivered(rs.getString(1), rs.getBoolean(2), rs.getString(3)), qid);
    }

    /** Counts a delivery of a program identical to the stored one (nothing else changes). */
    public void countRedelivery(String qid) {
        Sql.update(ds, "UPDATE explanations SET deliveries = deliveries + 1, updated_at = now() WHERE qid = ?", qid);
    }

    /** The row's explanation event was acknowledged by the broker. */
    public void markPublished(String qid) {
        Sql.update(ds, "UPDATE explanations SET published_at = now() WHERE qid = ?", qid);
    }

    private static String json(Object value) {
        if (value == null) return null;
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    public Optional<String> findExplanationJson(String qid) {
        return Sql.one(ds, "SELECT explanation::text FROM explanations WHERE qid = ?", rs -> rs.getString(1), qid);
    }

    public Optional<String> findProgramJson(String qid) {
        return Sql.one(ds, "SELECT program::text FROM explanations WHERE qid = ?", rs -> rs.getString(1), qid);
    }

    private static final String RECORD_COLUMNS = """
            qid, image_id, split, status, answer, semantics::text, raw_explanation, processed_explanation,
            grounded_explanation, converted_explanation, drop_reason, rejection_stage, rejection_code,
            rejection_detail, deliveries, seq""";

    /** The stored record of one question (every stage), for the REST API. */
    public Optional<StoredRecord> find(String qid) {
        return Sql.one(ds, "SELECT " + RECORD_COLUMNS + " FROM explanations WHERE qid = ?", StoredRecord::of, qid);
    }

    /** A page of records in arrival order, optionally of one split and/or status. */
    public List<StoredRecord> page(String split, String status, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = filter(split, status, args);
        args.add(limit);
        args.add(offset);
        return Sql.query(ds, "SELECT " + RECORD_COLUMNS + " FROM explanations" + where + " ORDER BY seq LIMIT ? OFFSET ?",
                StoredRecord::of, args.toArray());
    }

    public long count(String split, String status) {
        List<Object> args = new ArrayList<>();
        return Sql.count(ds, "SELECT count(*) FROM explanations" + filter(split, status, args), args.toArray());
    }

    private static String filter(String split, String status, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (split != null) {
            conditions.add("split = ?");
            args.add(split);
        }
        if (status != null) {
            conditions.add("status = ?");
            args.add(status);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * Streams (raw, grounded) of every stored question in arrival order, to rebuild the streaming corpus
     * vocabularies after a restart (one pass, fetched in batches).
     */
    public void forEachText(BiConsumer<String, String> texts) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement st = c.prepareStatement("SELECT raw_explanation, grounded_explanation FROM "
                    + "explanations WHERE raw_explanation IS NOT NULL ORDER BY seq")) {
                st.setFetchSize(1000);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) texts.accept(rs.getString(1), rs.getString(2));
                }
            } finally {
                c.commit();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stored explanations: " + e.getMessage(), e);
        }
    }

    /** How often a qid was delivered (0 when never). */
    public long deliveries(String qid) {
        return Sql.one(ds, "SELECT deliveries FROM explanations WHERE qid = ?", rs -> rs.getLong(1), qid).orElse(0L);
    }
}
