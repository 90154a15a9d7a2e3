package dev.rex.preprocessing.gqa;

import dev.rex.gqa.build.QuestionFiles;
import dev.rex.gqa.ground.NpyBoxDirectory;
import dev.rex.gqa.io.SceneGraphIndex;
import dev.rex.preprocessing.config.PreprocessingConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the scene graph and the 36 boxes of a question's image come from, per split: registered by an import
 * ({@code POST /api/imports} names the split's scene-graph file and box directory), or configured
 * ({@code rex.preprocessing.scene-graphs-dir} holding {@code {split}_sceneGraphs.json}, {@code rex.preprocessing.boxes-dir}
 * holding {@code <imageId>.npy} or a feature store's {@code boxes/}). Registrations live in memory: after a restart
 * an import is started again (its questions are upserted, so nothing doubles).
 */
@ApplicationScoped
public class SceneSources {
    /** One split's scene graphs (indexed, random access) and box directory (may be null: no boxes). */
    public record Source(Path graphFile, SceneGraphIndex graphs, NpyBoxDirectory boxes) {
    }

    private static final int CACHE = 512;
    private static final java.util.regex.Pattern SPLIT_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final PreprocessingConfig config;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    public SceneSources(PreprocessingConfig config) {
        this.config = config;
    }

    /** Uses these files for the split's questions from now on (indexes the scene-graph file: one pass over it). */
    public Source register(String split, Path graphFile, Path boxesDir) {
        Source s = new Source(graphFile, new SceneGraphIndex(graphFile, CACHE),
                boxesDir == null ? null : new NpyBoxDirectory(boxesDir, CACHE));
        Source old = sources.put(split, s);
        if (old != null && old.graphs() != s.graphs()) old.graphs().close();
        return s;
    }

    /** The split's source: registered, else from the configured directories, else none. */
    public Optional<Source> forSplit(String split) {
        Source s = sources.get(split);
        if (s != null) return Optional.of(s);
        if (config.sceneGraphsDir().isEmpty()) return Optional.empty();
        // a split from a request or an event becomes part of a file name: only plain names, never "../x"
        if (split == null || !SPLIT_NAME.matcher(split).matches()) return Optional.empty();
        Path file;
        try {
            file = QuestionFiles.sceneGraphs(config.sceneGraphsDir().get(), split);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) return Optional.empty();
        synchronized (this) {
            s = sources.get(split);
            return Optional.of(s != null ? s : register(split, file, config.boxesDir().orElse(null)));
        }
    }

    @PreDestroy
    void close() {
        sources.values().forEach(s -> s.graphs().close());
    }
}
