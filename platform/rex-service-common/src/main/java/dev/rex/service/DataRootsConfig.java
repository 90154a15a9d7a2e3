package dev.rex.service;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The folders a service may open files in when a request or an event names them ({@code rex.data.roots}, env
 * {@code REX_DATA_ROOTS}, comma-separated). Unset: no request may name a file.
 */
@ConfigMapping(prefix = "rex.data")
public interface DataRootsConfig {
    Optional<List<Path>> roots();
}
