package dev.rex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The API key the services' writes need ({@code Authorization: Bearer <key>}). {@code rex up} generates one per run
 * into {@code .rex/run-<timestamp>/api-key} (owner-only, 0600) and hands it to the services in the environment
 * ({@code REX_API_KEY}); the verbs that call services find it in {@code --api-key-file}, else {@code REX_API_KEY},
 * else {@code REX_API_KEY_FILE}, else the newest {@code .rex/run-*}/api-key. A secret never goes on a command line.
 */
final class ApiKeyFile {
    static final String NAME = "api-key";

    private ApiKeyFile() {
    }

    /** A fresh 256-bit key written to {@code dir/api-key} readable by the owner only; returns the key. */
    static String generate(Path dir) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        writeSecret(dir.resolve(NAME), key);
        return key;
    }

    /** Writes a secret to a new file created with 0600 permissions (never readable by others, even briefly). */
    static void writeSecret(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) { // not a POSIX file system
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first line of a key file; a missing or empty file is a user error naming {@code option}. */
    static String read(Path file, String option) {
        try {
            String key = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            if (key.isEmpty()) throw new IllegalArgumentException(option + " " + file + " is empty");
            return key;
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    /** The key to send: {@code explicit} file, REX_API_KEY, REX_API_KEY_FILE, or the newest run's; else a user error. */
    static String find(Path explicit, Path repository) {
        return find(explicit, repository, System::getenv);
    }

    static String find(Path explicit, Path repository, java.util.function.UnaryOperator<String> environment) {
        if (explicit != null) return read(explicit, "--api-key-file");
        String env = environment.apply("REX_API_KEY");
        if (env != null && !env.isBlank()) return env.trim();
        String envFile = environment.apply("REX_API_KEY_FILE");
        if (envFile != null && !envFile.isBlank()) return read(Path.of(envFile), "REX_API_KEY_FILE");
        return newestRunKey(repository.resolve(".rex")).map(f -> read(f, "the key file of 'rex up'"))
                .orElseThrow(() -> new IllegalArgumentException("no API key for the services' writes: start them "
                        + "with './rex up' (it writes .rex/run-*/api-key), or set REX_API_KEY or REX_API_KEY_FILE, or "
                        + "give --api-key-file"));
    }

    private static Optional<Path> newestRunKey(Path state) {
        if (!Files.isDirectory(state)) return Optional.empty();
        try (Stream<Path> runs = Files.list(state)) {
            return runs.filter(p -> p.getFileName().toString().startsWith("run-"))
                    .map(p -> p.resolve(NAME)).filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static HttpRequest.Builder authorize(HttpRequest.Builder request, String key) {
        return request.header("Authorization", "Bearer " + key);
    }
}
