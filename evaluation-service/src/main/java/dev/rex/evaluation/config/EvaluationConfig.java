package dev.rex.evaluation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Tunables of the evaluation service ({@code rex.evaluation.*}). */
@ConfigMapping(prefix = "rex.evaluation")
public interface EvaluationConfig {
    /** SPICE is expensive (DESIGN §6): it may be switched off per deployment, and the table then says so. */
    @WithDefault("true")
    boolean spiceEnabled();

    /** METEOR's paraphrase table; without it METEOR runs exact/stem/synonym only, and says so. */
    Optional<Path> meteorParaphraseTable();

    /** Split given to predictions whose request named none. */
    @WithDefault("stream")
    String defaultSplit();
}
