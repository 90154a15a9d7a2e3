package dev.rex.gqa.features;

import dev.rex.gqa.npy.Npy;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds images to a feature store. Each array is written to a temporary file and renamed into place, then the
 * image is appended to the index, so a store interrupted at any moment holds only complete images and a rerun
 * skips them ({@link #isComplete}). Thread-safe: several threads may {@link #put} different images.
 */
public final class FeatureStoreWriter implements Closeable {
    private final Path dir;
    private final Map<String, ImageSize> indexed;
    private final BufferedWriter index;

    public FeatureStoreWriter(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("boxes"));
        Files.createDirectories(dir.resolve("features"));
        this.indexed = new ConcurrentHashMap<>(FeatureStoreIndex.read(dir));
        this.index = FeatureStoreIndex.openForAppend(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The image is in the index and both of its files are present. */
    public boolean isComplete(String imageId) {
        return indexed.containsKey(imageId) && Files.isRegularFile(FeatureStore.boxesPath(dir, imageId))
                && Files.isRegularFile(FeatureStore.featuresPath(dir, imageId));
    }

    public int indexedCount() {
        return indexed.size();
    }

    /** Validates and writes one image (boxes [36,4], features [36,2048], finite), then indexes it. */
    public void put(String imageId, ImageSize size, float[] boxes, float[] features) throws IOException {
        writeArrays(imageId, boxes, features);
        index(imageId, size);
    }

    /**
     * The first half of {@link #put}: validates and writes the two arrays (atomically each). Callers that write
     * images in parallel but want the index in a fixed order call this from workers and {@link #index} in order.
     */
    public void writeArrays(String imageId, float[] boxes, float[] features) throws IOException {
        Path b = FeatureStore.boxesPath(dir, imageId);
        Path f = FeatureStore.featuresPath(dir, imageId);
        new ImageFeatures(imageId, boxes, features); // shape check with a message naming the image
        FeatureStore.requireFinite(boxes, ImageFeatures.BOX_DIM, b);
        FeatureStore.requireFinite(features, ImageFeatures.FEATURE_DIM, f);
        Npy.writeFloat32(f, new int[]{ImageFeatures.REGIONS, ImageFeatures.FEATURE_DIM}, features);
        Npy.writeFloat32(b, new int[]{ImageFeatures.REGIONS, ImageFeatures.BOX_DIM}, boxes);
    }

    /** The second half of {@link #put}: records a fully written image in the index. */
    public void index(String imageId, ImageSize size) throws IOException {
        synchronized (index) {
            FeatureStoreIndex.append(index, imageId, size);
        }
        indexed.put(imageId, size);
    }

    @Override
    public void close() throws IOException {
        synchronized (index) {
            index.close();
        }
    }
}
