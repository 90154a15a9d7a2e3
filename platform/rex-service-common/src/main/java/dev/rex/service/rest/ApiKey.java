package dev.rex.service.rest;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Optional;

/** The key this service accepts (from {@link ApiConfig}), read once; compared in constant time. */
@Singleton
public class ApiKey {
    /** Shorter keys are refused at start-up: a guessable key is no key. */
    public static final int MIN_LENGTH = 16;

    private final Optional<byte[]> key;
    private final String source;

    public ApiKey(ApiConfig config) {
        String value = config.key().map(String::trim).filter(k -> !k.isEmpty()).orElse(null);
        String from = "rex.api.key (REX_API_KEY)";
        if (value == null && config.keyFile().isPresent()) {
            from = "rex.api.key-file " + config.keyFile().get();
            try {
                value = Files.readAllLines(config.keyFile().get(), StandardCharsets.UTF_8).stream().findFirst()
                        .map(String::trim).filter(k -> !k.isEmpty()).orElseThrow(() -> new IllegalStateException(
                                "rex.api.key-file " + config.keyFile().get() + " is empty: put the API key on its first line"));
            } catch (IOException e) {
                throw new UncheckedIOException("rex.api.key-file " + config.keyFile().get() + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        if (value != null && value.length() < MIN_LENGTH) {
            throw new IllegalStateException("the API key from " + from + " has " + value.length()
                    + " characters; use at least " + MIN_LENGTH + " (e.g. openssl rand -hex 32)");
        }
        this.key = Optional.ofNullable(value).map(v -> v.getBytes(StandardCharsets.UTF_8));
        this.source = value == null ? null : from;
    }

    public boolean configured() {
        return key.isPresent();
    }

    /** Where the key came from (for the start-up log), or null. */
    public String source() {
        return source;
    }

    /** True when {@code authorization} is {@code Bearer <the key>}. */
    public boolean accepts(String authorization) {
        if (key.isEmpty() || authorization == null) return false;
        String prefix = "Bearer ";
        if (authorization.length() <= prefix.length()
                || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return false;
        }
        byte[] given = authorization.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, key.get());
    }
}
