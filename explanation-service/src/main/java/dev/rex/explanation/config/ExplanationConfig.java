package dev.rex.explanation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Tunables of the explanation service ({@code rex.explanation.*}). */
@ConfigMapping(prefix = "rex.explanation")
public interface ExplanationConfig {
    /** Region grounding IoU (ARCHITECTURE §5): {@code reference} reproduces the released GQA-REX, {@code clamped} corrects it. */
    @WithDefault("reference")
    Iou iou();

    /**
     * Directory of the last full GQA-REX build, whose two corpus vocabularies (post-processing, finalizing) the
     * streaming explainer needs (ARCHITECTURE §5). Empty until a build exists.
     */
    Optional<Path> buildDir();

    /** Seed of the per-question random choice of same/different; the build's {@code --seed} (default 0). */
    @WithDefault("0")
    long seed();

    enum Iou { reference, clamped }
}
