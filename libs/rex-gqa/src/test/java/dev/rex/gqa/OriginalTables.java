package dev.rex.gqa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The data tables of the original REX ({@code preprocessing/data/*.json} of szzexpoi/rex @ebb6443) are not copied
 * into this repository. Our encoding of each table is written out as text, one entry per line, and compared with
 * the SHA-256 of the same text made from the original file, recorded here: that check runs on every clone. Where
 * the original file is at hand ({@code rex.shared.dir}/rex-data), the tests also compare entry by entry, which
 * names the entry that differs.
 */
public final class OriginalTables {
    private OriginalTables() {
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The original table file when the reference folder is present; the digest check does not need it. */
    public static Optional<Path> original(String name) {
        String dir = System.getProperty("rex.shared.dir");
        if (dir == null || dir.isBlank()) return Optional.empty();
        Path p = Path.of(dir, "rex-data", name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
