package dev.rex.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code training-state.json}, written into every {@code epoch-NNN/} next to the network's checkpoint files: what a
 * resumed run needs (the epoch done, the optimiser's step count, the best score so far) and the settings that must
 * not change across a resume.
 *
 * @param epoch      the 0-based epoch this checkpoint ends
 * @param bestScore  the best validation score so far (null: none yet)
 * @param bestEpoch  its epoch (-1: none)
 */
public record TrainingState(int epoch, long globalStep, Double bestScore, int bestEpoch, String mode, String model,
                            long seed, int batch, double lr, int percentage, Map<String, Double> valMetrics) {
    public static final String FILE = "training-state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    public static TrainingState read(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE).toFile(), TrainingState.class);
    }

    /** Why {@code cfg} cannot continue this run, or null when it can (only the epoch count may grow). */
    public String incompatibility(TrainingConfig cfg) {
        if (!mode.equals(cfg.mode().cliName())) return "mode " + mode + " (now " + cfg.mode().cliName() + ")";
        if (!model.equals(cfg.model())) return "config " + model + " (now " + cfg.model() + ")";
        if (seed != cfg.seed()) return "seed " + seed + " (now " + cfg.seed() + ")";
        if (batch != cfg.batch()) return "batch " + batch + " (now " + cfg.batch() + ")";
        if (lr != cfg.initialLr()) return "lr " + lr + " (now " + cfg.initialLr() + ")";
        if (percentage != cfg.percentage()) return "percentage " + percentage + " (now " + cfg.percentage() + ")";
        return null;
    }
}
