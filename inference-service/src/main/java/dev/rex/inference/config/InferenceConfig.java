package dev.rex.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/** Tunables of the inference service ({@code rex.inference.*}). */
@ConfigMapping(prefix = "rex.inference")
public interface InferenceConfig {
    /**
     * Checkpoints announced on rex.models are read from here (the shared models volume in docker-compose): an
     * announced location that is not absolute is resolved against it.
     */
    Path modelsDir();

    /** The bottom-up region feature store (36 × 2048 per image), looked up by image id. */
    Path featuresDir();

    /** Inference threads of this replica; each owns its own predictor over the shared weights. */
    @WithDefault("2")
    int workers();

    /**
     * How often the replica looks in the models table for a newer checkpoint. Replicas share one consumer group,
     * so only one of them reads each rex.models announcement; the others pick it up from the table.
     */
    @WithDefault("10s")
    Duration modelPollInterval();
}
