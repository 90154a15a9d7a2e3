package dev.rex.preprocessing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** Tunables of the preprocessing service ({@code rex.preprocessing.*}). */
@ConfigMapping(prefix = "rex.preprocessing")
public interface PreprocessingConfig {
    /**
     * Questions of these splits are also routed to inference ({@code rex.inference.requests}): streamed
     * application questions, and the splits whose predictions get evaluated.
     */
    @WithDefault("stream,val,testdev")
    Set<String> inferenceSplits();

    /** Split given to a question posted over REST without one. */
    @WithDefault("stream")
    String defaultSplit();
}
