package dev.rex.training;

import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.BuildProgress;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.synth.SynthWorld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A few-image synthetic GQA world (dev.rex.gqa.synth) and its GQA-REX build (the dataset builder), made once per
 * test JVM under target/: the inputs a training run reads (questions, GQA-REX data, feature store).
 */
final class TinySynthWorld {
    private static Path root;

    private TinySynthWorld() {
    }

    static synchronized Path root() {
        if (root == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "test-world")).toAbsolutePath();
                Path world = dir.resolve("world");
                SynthWorld.generate(new SynthWorld.Options(20, 4, 7, world, true), (done, total) -> { });
                Path rex = dir.resolve("gqa-rex");
                new DatasetBuilder().build(BuildOptions.of(world.resolve("questions"), world.resolve("sceneGraphs"),
                        world.resolve("boxes"), rex), BuildProgress.NONE);
                root = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static Path questions() {
        return root().resolve("world/questions");
    }

    static Path features() {
        return root().resolve("world");
    }

    static Path data() {
        return root().resolve("gqa-rex");
    }
}
