package dev.rex.service.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyTest {
    @TempDir
    Path tmp;

    private static ApiConfig config(String key, Path file) {
        return new ApiConfig() {
            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<Path> keyFile() {
                return Optional.ofNullable(file);
            }

            @Override
            public boolean readsNeedKey() {
                return false;
            }
        };
    }

    @Test
    void onlyTheBearerOfTheKeyIsAccepted() {
        ApiKey key = new ApiKey(config("0123456789abcdef-key", null));
        assertTrue(key.configured());
        assertTrue(key.accepts("Bearer 0123456789abcdef-key"));
        assertTrue(key.accepts("bearer 0123456789abcdef-key"));
        assertFalse(key.accepts(null));
        assertFalse(key.accepts("Bearer 0123456789abcdef-kez"));
        assertFalse(key.accepts("Bearer 0123456789abcdef-key-and-more"));
        assertFalse(key.accepts("Basic 0123456789abcdef-key"));
        assertFalse(key.accepts("0123456789abcdef-key"));
        assertFalse(key.accepts("Bearer "));
    }

    @Test
    void theKeyFileIsReadWhenNoKeyIsGiven() throws Exception {
        Path f = Files.writeString(tmp.resolve("api-key"), "from-the-file-0123456789\n");
        assertTrue(new ApiKey(config(null, f)).accepts("Bearer from-the-file-0123456789"));
        assertTrue(new ApiKey(config("  ", f)).accepts("Bearer from-the-file-0123456789"));
        assertThrows(RuntimeException.class, () -> new ApiKey(config(null, tmp.resolve("missing"))));
    }

    @Test
    void withoutAKeyNothingIsAcceptedAndShortKeysAreRefused() {
        ApiKey none = new ApiKey(config(null, null));
        assertFalse(none.configured());
        assertFalse(none.accepts("Bearer anything-at-all-long-enough"));
        assertThrows(IllegalStateException.class, () -> new ApiKey(config("short", null)));
    }
}
