package dev.rex.training.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Tunables of the training service ({@code rex.training.*}). */
@ConfigMapping(prefix = "rex.training")
public interface TrainingConfig {
    /** The model the collected explanations train; names its progress run and its {@code rex.models} key. */
    @WithDefault("rex-multitask")
    String modelName();

    /** Where checkpoints are written (the shared models volume in docker-compose). */
    Path modelsDir();

    /** A progress event every this many collected explanations (1 = every one). */
    @WithDefault("1000")
    int progressEvery();
}
