package dev.rex.preprocessing.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.preprocessing.imports.ImportJob;
import dev.rex.preprocessing.imports.ImportRequest;
import dev.rex.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Bulk imports, one row per import id: the request (to resume it) and its last status (schema: db/migration). */
@ApplicationScoped
public class ImportRepository {
    private final DataSource ds;
    private final ObjectMapper json;

    public ImportRepository(DataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    /** A new import id from the database's sequence: unique across restarts. */
    public String newId() {
        return "import-" + Sql.count(ds, "SELECT nextval('import_ids')");
    }

    public void save(ImportJob.Status s, ImportRequest request) {
        Sql.update(ds, """
                INSERT INTO imports (id, state, request, correlation_id, status) VALUES (?, ?, ?::jsonb, ?, ?::jsonb)
                ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, status = EXCLUDED.status, updated_at = now()
                """, s.id(), s.state(), write(request), s.correlationId(), write(s));
    }

    /**
     * An unfinished import as it was accepted: id, request and correlation id, and how many of its questions the
     * broker had acknowledged at its last recorded status (a resumed import starts after them).
     */
    public record Unfinished(String id, ImportRequest request, String correlationId, int resumed, long published) {
    }

    /** Imports that had not finished (queued, indexing or running when the service stopped), oldest first. */
    public List<Unfinished> unfinished() {
        return Sql.query(ds, "SELECT id, request::text, correlation_id, COALESCE((status->>'resumed')::int, 0), "
                        + "COALESCE((status->>'published')::bigint, 0) "
                        + "FROM imports WHERE state NOT IN (?, ?) ORDER BY created_at, id",
                rs -> new Unfinished(rs.getString(1), read(rs.getString(2), ImportRequest.class), rs.getString(3),
                        rs.getInt(4), rs.getLong(5)),
                ImportJob.DONE, ImportJob.FAILED);
    }

    /** The last recorded status as JSON. */
    public Optional<String> statusJson(String id) {
        return Sql.one(ds, "SELECT status::text FROM imports WHERE id = ?", rs -> rs.getString(1), id);
    }

    /** Every recorded status as JSON, oldest first. */
    public List<String> allStatusJson() {
        return Sql.query(ds, "SELECT status::text FROM imports ORDER BY created_at, id", rs -> rs.getString(1));
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
