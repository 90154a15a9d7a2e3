package dev.rex.inference.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;

/** Tunables of the inference service ({@code rex.inference.*}). */
@ConfigMapping(prefix = "rex.inference")
public interface InferenceConfig {
    /** Checkpoints announced on rex.models are read from here (the shared models volume in docker-compose). */
    Path modelsDir();

    /** The bottom-up region feature store (36 × 2048 per image), looked up by image id. */
    Path featuresDir();
}
