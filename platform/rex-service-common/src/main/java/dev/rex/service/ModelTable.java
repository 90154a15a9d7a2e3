package dev.rex.service;

import dev.rex.events.EventCodec;
import dev.rex.events.ModelEvent;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * The {@code models} table of services that track checkpoints announced on {@code rex.models} (training keeps
 * what it announced, inference what it may load). Its schema is the shared migration {@code db/models}; a service
 * adds that location to {@code quarkus.flyway.locations}.
 */
public final class ModelTable {
    private ModelTable() {
    }

    /** Idempotent by (model name, version). */
    public static void upsert(DataSource ds, ModelEvent m) {
        Sql.update(ds, """
                INSERT INTO models (model_name, version, location, sha256, event) VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (model_name, version) DO UPDATE SET location = EXCLUDED.location, sha256 = EXCLUDED.sha256,
                    event = EXCLUDED.event, updated_at = now()
                """, m.modelName(), m.version(), m.location(), m.sha256(), EventCodec.encode(m));
    }

    public static Optional<String> findJson(DataSource ds, String modelName, String version) {
        return Sql.one(ds, "SELECT event::text FROM models WHERE model_name = ? AND version = ?",
                rs -> rs.getString(1), modelName, version);
    }

    /** The most recently announced checkpoint of {@code modelName}. */
    public static Optional<String> latestJson(DataSource ds, String modelName) {
        return Sql.one(ds, "SELECT event::text FROM models WHERE model_name = ? ORDER BY updated_at DESC LIMIT 1",
                rs -> rs.getString(1), modelName);
    }
}
