package dev.rex.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tunables every service's messaging shares ({@code rex.messaging.*}). */
@ConfigMapping(prefix = "rex.messaging")
public interface MessagingConfig {
    /** How long a consumer waits for the broker to acknowledge its output before failing the input record. */
    @WithDefault("30s")
    Duration publishTimeout();
}
