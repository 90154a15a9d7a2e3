package dev.rex.inference.model;

import dev.rex.events.ModelEvent;
import dev.rex.model.RexCheckpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where an announced checkpoint lives and whether its weights are the ones announced. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** The checkpoint directory of an announcement: its location, resolved against the models dir when relative. */
    public static Path directory(ModelEvent m, Path modelsDir) {
        Path location = Path.of(m.location());
        return location.isAbsolute() ? location : modelsDir.toAbsolutePath().resolve(location);
    }

    /**
     * Checks that the checkpoint's files exist and that {@code model.safetensors} hashes to the announced sha256;
     * the message of the exception says which and where.
     */
    public static void verify(ModelEvent m, Path dir) throws IOException {
        Path weights = dir.resolve(RexCheckpoint.WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new ModelRejectedException("its files are missing (" + weights + " not found)");
        }
        String actual = RexCheckpoint.weightsSha256(dir);
        if (!actual.equals(m.sha256())) {
            throw new ModelRejectedException(weights + " has sha256 " + actual + " but " + m.sha256()
                    + " was announced (a different or changed file)");
        }
    }

    /** An announced checkpoint this replica will not serve (missing files, another sha256, unreadable). */
    public static final class ModelRejectedException extends IOException {
        public ModelRejectedException(String message) {
            super(message);
        }
    }
}
