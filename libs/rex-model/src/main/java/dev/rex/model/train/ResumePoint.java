package dev.rex.model.train;

import static dev.rex.gqa.io.FileTrees.deleteTree;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The checkpoint directories of a run: {@code out/epoch-NNN/} (1-based NNN; the network's checkpoint files plus
 * {@link TrainingState#FILE} and, in the latest one only, {@link #OPTIMIZER}) and {@code out/best/} (the network's
 * files plus {@link #SELECTION}). Each is written under a temporary name and renamed when complete, so a crash never
 * leaves a half-written checkpoint that a resume would pick up.
 */
public record ResumePoint(Path dir, TrainingState state) {
    public static final String BEST = "best";
    public static final String OPTIMIZER = "optimizer.npz";
    public static final String SELECTION = "selection.json";

    public static Path epochDir(Path out, int epoch) {
        return out.resolve(String.format(Locale.ROOT, "epoch-%03d", epoch + 1));
    }

    /** The last complete epoch checkpoint of {@code out}, or null for a fresh run. */
    public static ResumePoint find(Path out, TrainingConfig cfg) throws IOException {
        if (!Files.isDirectory(out)) return null;
        Path last = null;
        try (Stream<Path> dirs = Files.list(out)) {
            last = dirs.filter(d -> d.getFileName().toString().matches("epoch-\\d{3,}"))
                    .filter(d -> Files.isRegularFile(d.resolve(TrainingState.FILE))
                            && Files.isRegularFile(d.resolve(OPTIMIZER)))
                    .max(Comparator.comparing(d -> Integer.parseInt(d.getFileName().toString().substring(6))))
                    .orElse(null);
        }
        if (last == null) return null;
        TrainingState state = TrainingState.read(last);
        String why = state.incompatibility(cfg);
        if (why != null) {
            throw new InvalidTrainingConfigException("out", out + " holds a run with other settings (" + why
                    + "); continue it with the same settings or give another --out");
        }
        return new ResumePoint(last, state);
    }

    /** Writes epoch-NNN/ and drops the optimizer state of the previous epoch (only the latest resumes). */
    static Path writeEpoch(Path out, int epoch, RexModel rex, AdamOptimizer adam, TrainingState state)
            throws IOException {
        Path dir = epochDir(out, epoch);
        Path tmp = out.resolve(dir.getFileName() + ".tmp");
        deleteTree(tmp);
        RexCheckpoint.save(rex, tmp);
        adam.save(tmp.resolve(OPTIMIZER));
        state.write(tmp);
        deleteTree(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        if (epoch > 0) Files.deleteIfExists(epochDir(out, epoch - 1).resolve(OPTIMIZER));
        return dir;
    }

    /** Replaces best/ with the current weights and a note of the epoch and metrics that chose them. */
    static Path writeBest(Path out, RexModel rex, int epoch, String metric, Map<String, Double> val)
            throws IOException {
        Path dir = out.resolve(BEST);
        Path tmp = out.resolve(BEST + ".tmp");
        deleteTree(tmp);
        RexCheckpoint.save(rex, tmp);
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(
                tmp.resolve(SELECTION).toFile(), Map.of("epoch", epoch + 1, "metric", metric, "val", val));
        Path old = out.resolve(BEST + ".old");
        deleteTree(old);
        if (Files.exists(dir)) Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
        return dir;
    }
}
