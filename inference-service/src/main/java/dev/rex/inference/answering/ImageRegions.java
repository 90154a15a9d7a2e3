package dev.rex.inference.answering;

import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.features.ImageFeatures;
import dev.rex.inference.config.InferenceConfig;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The feature store of {@code rex.inference.features-dir}: an image's 36 region features and boxes, by id. */
@Singleton
public class ImageRegions {
    private final FeatureStore store;

    public ImageRegions(InferenceConfig config) {
        // opened lazily: the folder may be filled after the service starts (and is validated per image)
        this.store = new FeatureStore(config.featuresDir().toAbsolutePath());
    }

    public Path dir() {
        return store.dir();
    }

    public boolean contains(String imageId) {
        return store.contains(imageId);
    }

    /** The image's features and boxes; empty when the store has no files for it. */
    public Optional<ImageFeatures> find(String imageId) throws IOException {
        return store.contains(imageId) ? Optional.of(store.get(imageId)) : Optional.empty();
    }
}
