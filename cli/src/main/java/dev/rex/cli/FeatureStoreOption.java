package dev.rex.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --features DIR}, a feature store ({@code features/<id>.npy}, {@code boxes/<id>.npy}), as a {@code @Mixin}. */
public final class FeatureStoreOption {

    @Option(names = "--features", required = true, paramLabel = "DIR",
            description = "Feature store: features/<id>.npy and boxes/<id>.npy (rex features import, rex dataset"
                    + " synth).")
    Path dir;

    public Path dir() {
        return dir;
    }

    /** Records a missing folder, or one without {@code features/}; {@code image}, when given, must be in it. */
    public Checks check(Checks checks, String image) {
        checks.readableDir("--features", dir, "a feature store folder (rex features import --out)");
        if (!Files.isDirectory(dir)) {
            return checks;
        }
        if (!Files.isDirectory(dir.resolve("features"))) {
            checks.fail("--features " + dir, "has no features/ folder", "give a feature store (rex features import"
                    + " --out, or a synthetic world from rex dataset synth)");
        } else if (image != null && !image.isBlank() && !(Files.isRegularFile(dir.resolve("features/" + image + ".npy"))
                && Files.isRegularFile(dir.resolve("boxes/" + image + ".npy")))) {
            checks.fail("--image " + image, "is not in the feature store " + dir,
                    "expected features/" + image + ".npy and boxes/" + image + ".npy there");
        }
        return checks;
    }
}
