package dev.rex.model.train;

import dev.rex.gqa.features.FeatureStore;

import java.io.IOException;

/** The region features of an image, [36 × 2048] row-major, read lazily (the feature store, or a test's own). */
public interface FeatureSource {
    int REGIONS = 36;
    int FEATURE_DIM = 2048;

    boolean contains(String imageId);

    float[] features(String imageId) throws IOException;

    static FeatureSource of(FeatureStore store) {
        return new FeatureSource() {
            @Override
            public boolean contains(String imageId) {
                return store.contains(imageId);
            }

            @Override
            public float[] features(String imageId) throws IOException {
                return store.get(imageId).features();
            }
        };
    }
}
