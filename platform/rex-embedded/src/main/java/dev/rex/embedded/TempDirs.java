package dev.rex.embedded;

import dev.rex.gqa.io.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creating and removing scratch directories (the embedded servers', the local stack's). */
public final class TempDirs {
    private TempDirs() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory under "
                    + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /** Deletes a tree, tolerating files that vanish meanwhile (a server may still be removing its own). */
    public static void deleteTree(Path root) {
        try {
            FileTrees.deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
