package dev.rex.service.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The API key of a service ({@code rex.api.*}). Writes (POST, PUT, PATCH, DELETE) need
 * {@code Authorization: Bearer <key>}; the key is {@code rex.api.key} (env {@code REX_API_KEY}) or the first line of
 * {@code rex.api.key-file} (env {@code REX_API_KEY_FILE}). A service without a key refuses every write (503).
 */
@ConfigMapping(prefix = "rex.api")
public interface ApiConfig {
    Optional<String> key();

    Optional<Path> keyFile();

    /** Reads (GET, the dashboard) need the key too; default: open. {@code /q/*} (health, metrics) stays open. */
    @WithDefault("false")
    boolean readsNeedKey();
}
