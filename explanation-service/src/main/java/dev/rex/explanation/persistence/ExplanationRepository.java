package dev.rex.explanation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.events.EventCodec;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.service.MultiRowUpsert;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One row per qid: the program received, the chain's output at every stage (or its drop / rejection) and the
 * explanation event published for it (schema: db/migration). Upserts keep the row's first-arrival {@code seq}.
 * A batch of the consumer is written in one transaction ({@link #inTransaction}) with multi-row upserts.
 */
@ApplicationScoped
public class ExplanationRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource ds;

    public ExplanationRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * One question's row as a batch writes it: the program received and what it became; {@code deliveries} counts its
     * occurrences in the batch; {@code batchId} names the batch, marked published once ({@link #markPublished}).
     */
    public record Row(ProgramEvent program, String inputSha256, ExplanationEvent explanation, StageRecord stages,
                      int deliveries, String batchId) {
    }

    /**
     * What is stored for a qid: the fingerprint of the program it came from ({@link InputFingerprint}), whether its
     * explanation event reached the broker, and that event.
     */
    public record Stored(String inputSha256, boolean published, String explanationJson) {
    }

    private static final String UPSERT_HEAD = """
            INSERT INTO explanations (qid, image_id, split, status, correlation_id, program, explanation, answer,
                semantics, raw_explanation, processed_explanation, grounded_explanation, converted_explanation,
                drop_reason, rejection_stage, rejection_code, rejection_detail, position, deliveries, input_sha256,
                batch_id, published_at)
            VALUES """;
    private static final String UPSERT_ROW =
            "(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)";
    private static final String UPSERT_TAIL = """
             ON CONFLICT (qid) DO UPDATE SET image_id = EXCLUDED.image_id, split = EXCLUDED.split,
                status = EXCLUDED.status, correlation_id = EXCLUDED.correlation_id, program = EXCLUDED.program,
                explanation = EXCLUDED.explanation, answer = EXCLUDED.answer, semantics = EXCLUDED.semantics,
                raw_explanation = EXCLUDED.raw_explanation, processed_explanation = EXCLUDED.processed_explanation,
                grounded_explanation = EXCLUDED.grounded_explanation,
                converted_explanation = EXCLUDED.converted_explanation, drop_reason = EXCLUDED.drop_reason,
                rejection_stage = EXCLUDED.rejection_stage, rejection_code = EXCLUDED.rejection_code,
                rejection_detail = EXCLUDED.rejection_detail, position = EXCLUDED.position,
                input_sha256 = EXCLUDED.input_sha256, batch_id = EXCLUDED.batch_id, published_at = NULL,
                deliveries = explanations.deliveries + EXCLUDED.deliveries, updated_at = now()""";
    private static final MultiRowUpsert<Row> UPSERT = new MultiRowUpsert<>(UPSERT_HEAD, UPSERT_ROW, UPSERT_TAIL,
            ExplanationRepository::values);

    /** Runs {@code work} in one transaction (committed when it returns, rolled back when it throws). */
    public <R> R inTransaction(Sql.Work<R> work) {
        return Sql.inTransaction(ds, work);
    }

    /** What is stored for these qids. */
    public Map<String, Stored> stored(Connection c, List<String> qids) throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT e.qid, e.input_sha256, "
                + "e.published_at IS NOT NULL OR b.batch_id IS NOT NULL, e.explanation::text FROM explanations e "
                + "LEFT JOIN published_batches b ON b.batch_id = e.batch_id WHERE e.qid = ANY(?)")) {
            st.setArray(1, c.createArrayOf("text", qids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Stored(rs.getString(2), rs.getBoolean(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /**
     * The broker committed the events of batch {@code batchId} (every row it stored) and the stored events of
     * {@code republished} (rows of earlier batches whose events this batch carried): one row for the batch, an
     * update only for the rare rows of the second kind.
     */
    public void markPublished(String batchId, List<String> republished) {
        Sql.inTransaction(ds, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO published_batches (batch_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                st.setString(1, batchId);
                st.executeUpdate();
            }
            if (!republished.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE explanations SET published_at = now() WHERE qid = ANY(?)")) {
                    st.setArray(1, c.createArrayOf("text", republished.toArray()));
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Multi-row upsert, idempotent by qid: a row replaces the stored one's content and adds its deliveries; the
     * first-arrival {@code seq} is kept. Each qid at most once in {@code rows}.
     */
    public void upsertAll(Connection c, List<Row> rows) throws SQLException {
        UPSERT.run(c, rows);
    }

    private static Object[] values(Row row) {
        ProgramEvent p = row.program();
        StageRecord s = row.stages();
        return new Object[]{p.qid(), p.imageId(), p.split(), s.status(), p.correlationId(), storedProgram(p),
                EventCodec.encode(row.explanation()), p.answer(), json(s.semantics()), s.raw(), s.processed(),
                s.grounded(), s.converted(), s.dropReason(), s.rejectionStage(), s.rejectionCode(),
                s.rejectionDetail(), p.position(), row.deliveries(), row.inputSha256(), row.batchId()};
    }

    /**
     * The program as {@code GET /api/explanations/{qid}/program} shows it: the event without its image's scene graph,
     * boxes and grounding reference. Those belong to the image (every question of it carries them again, about 11 KB)
     * and were most of what the database compressed and wrote per question.
     */
    static String storedProgram(ProgramEvent p) {
        return EventCodec.encode(new ProgramEvent(p.id(), p.correlationId(), p.schemaVersion(), p.qid(), p.imageId(),
                p.split(), p.question(), p.answer(), p.program(), null, List.of(), p.rejection(), p.position(), null));
    }

    /** Counts deliveries of programs whose stored result was published again (qid → how many). */
    public void redelivered(Connection c, Map<String, Integer> qids) throws SQLException {
        if (qids.isEmpty()) return;
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE explanations SET deliveries = deliveries + ?, updated_at = now() WHERE qid = ?")) {
            for (Map.Entry<String, Integer> e : qids.entrySet()) {
                st.setInt(1, e.getValue());
                st.setString(2, e.getKey());
                st.addBatch();
            }
            st.executeBatch();
        }
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
