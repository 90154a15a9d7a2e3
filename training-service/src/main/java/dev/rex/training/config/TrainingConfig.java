package dev.rex.training.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Tunables of the training service ({@code rex.training.*}). */
@ConfigMapping(prefix = "rex.training")
public interface TrainingConfig {
    /** The model the collected explanations train; names its progress run and its {@code rex.models} key. */
    @WithDefault("rex-multitask")
    String modelName();

    /** Where checkpoints are written (REX_MODELS_DIR; the shared models volume in docker-compose): runs/{id}/. */
    Path modelsDir();

    /** A progress event every this many collected explanations (1 = every one). */
    @WithDefault("1000")
    int progressEvery();

    /** Training runs waiting behind the one that runs; a POST beyond this gets 503 (one run trains at a time). */
    @WithDefault("8")
    int maxQueuedRuns();

    /** Most epochs a run may ask for (a POST beyond is a 400 naming {@code epochs}). */
    @WithDefault("200")
    int maxEpochs();

    /** Largest batch a run may ask for (a POST beyond is a 400 naming {@code batch}). */
    @WithDefault("1024")
    int maxBatch();

    /** A {@code rex.training.progress} TRAINING event every this many optimiser steps (and at each epoch's end). */
    @WithDefault("10")
    int stepProgressEvery();

    /**
     * libtorch intra-op threads of a run (absent: libtorch's default, all cores). On a small or shared CPU 1 is often
     * much faster for small models (see dev.rex.model.train.TorchThreads).
     */
    Optional<Integer> torchThreads();
}
