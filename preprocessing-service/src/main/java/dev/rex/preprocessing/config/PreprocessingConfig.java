package dev.rex.preprocessing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;
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

    /**
     * Directory of GQA's {@code {split}_sceneGraphs.json}: the scene graphs of questions of splits no import has
     * registered (REST questions). Unset: such questions travel without a graph (rejected as MISSING_SCENE_GRAPH).
     */
    Optional<Path> sceneGraphsDir();

    /** Directory of {@code <imageId>.npy} boxes (float32 [36,4]) for those questions, e.g. a feature store's boxes/. */
    Optional<Path> boxesDir();

    /** Question events an import keeps in flight (unacknowledged by the broker); below the emitter's buffer. */
    @WithDefault("100")
    int importWindow();

    /** Imports waiting behind the running one; a POST beyond this gets 503 with Retry-After. */
    @WithDefault("8")
    int maxQueuedImports();
}
