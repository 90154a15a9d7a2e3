package dev.rex.gqa.features;

import dev.rex.gqa.npy.Npy;
import dev.rex.gqa.npy.NpyException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-image bottom-up features, laid out as the original REX reads them:
 * {@code DIR/boxes/<imageId>.npy} float32 [36,4] and {@code DIR/features/<imageId>.npy} float32 [36,2048], plus
 * {@code DIR/images.tsv} with the image sizes ({@link FeatureStoreIndex}).
 *
 * <p>Arrays are read lazily, validated (shape, dtype, finite values; errors name the file) and kept in a small
 * LRU cache — never the whole set in memory (GQA has 148k images, about 43 GB of features). Thread-safe: any
 * number of threads may call {@link #get}; two threads that miss on the same image may both read it, which is
 * harmless and cheaper than holding a lock during I/O.
 */
public final class FeatureStore {
    public static final int DEFAULT_CACHE_IMAGES = 64;

    private final Path dir;
    private final Map<String, ImageFeatures> cache;
    private final int capacity;
    private volatile Map<String, ImageSize> sizes;

    public FeatureStore(Path dir) {
        this(dir, DEFAULT_CACHE_IMAGES);
    }

    public FeatureStore(Path dir, int cacheImages) {
        if (cacheImages < 0) throw new IllegalArgumentException("cache size must be >= 0, got " + cacheImages);
        this.dir = dir;
        this.capacity = cacheImages;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ImageFeatures> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Opens a store and checks that it looks like one, with a message that says what to do. */
    public static FeatureStore open(Path dir) {
        if (!Files.isDirectory(dir.resolve("boxes")) || !Files.isDirectory(dir.resolve("features"))) {
            throw new IllegalArgumentException(dir + " is not a feature store (expected boxes/ and features/ "
                    + "sub-directories); create one with 'rex features import --tsv FILE --out " + dir + "'");
        }
        return new FeatureStore(dir);
    }

    public Path dir() {
        return dir;
    }

    public static Path boxesPath(Path dir, String imageId) {
        return dir.resolve("boxes").resolve(checkId(imageId) + ".npy");
    }

    public static Path featuresPath(Path dir, String imageId) {
        return dir.resolve("features").resolve(checkId(imageId) + ".npy");
    }

    /** True when both files of the image exist (they are written atomically, so existing means complete). */
    public boolean contains(String imageId) {
        return Files.isRegularFile(boxesPath(dir, imageId)) && Files.isRegularFile(featuresPath(dir, imageId));
    }

    /** Boxes and features of an image, from the cache or read and validated now. */
    public ImageFeatures get(String imageId) throws IOException {
        synchronized (cache) {
            ImageFeatures hit = cache.get(imageId);
            if (hit != null) return hit;
        }
        ImageFeatures loaded = load(dir, imageId);
        synchronized (cache) {
            if (capacity > 0) cache.put(imageId, loaded);
        }
        return loaded;
    }

    /** Only the boxes (reads the small file; uses the cache when the image is there). */
    public float[] boxes(String imageId) throws IOException {
        synchronized (cache) {
            ImageFeatures hit = cache.get(imageId);
            if (hit != null) return hit.boxes();
        }
        return readBoxes(boxesPath(dir, imageId));
    }

    /** Image size from the index, when the image is indexed. */
    public Optional<ImageSize> size(String imageId) throws IOException {
        return Optional.ofNullable(sizes().get(imageId));
    }

    /** The ids of the indexed images, in index order. */
    public Set<String> imageIds() throws IOException {
        return sizes().keySet();
    }

    private Map<String, ImageSize> sizes() throws IOException {
        Map<String, ImageSize> s = sizes;
        if (s == null) {
            s = FeatureStoreIndex.read(dir);
            sizes = s;
        }
        return s;
    }

    static ImageFeatures load(Path dir, String imageId) throws IOException {
        float[] boxes = readBoxes(boxesPath(dir, imageId));
        Path f = featuresPath(dir, imageId);
        Npy.FloatArray features = Npy.readFloat32(f, ImageFeatures.REGIONS, ImageFeatures.FEATURE_DIM);
        requireFinite(features.data(), ImageFeatures.FEATURE_DIM, f);
        return new ImageFeatures(imageId, boxes, features.data());
    }

    static float[] readBoxes(Path file) throws IOException {
        Npy.FloatArray boxes = Npy.readFloat32(file, ImageFeatures.REGIONS, ImageFeatures.BOX_DIM);
        requireFinite(boxes.data(), ImageFeatures.BOX_DIM, file);
        return boxes.data();
    }

    /** Throws naming the file, region and column of the first NaN or infinity. */
    static void requireFinite(float[] data, int cols, Path file) throws NpyException {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new NpyException(file + ": non-finite value " + data[i] + " at region " + (i / cols)
                        + ", column " + (i % cols));
            }
        }
    }

    /** Image ids become file names: refuse anything that could escape the directory. */
    static String checkId(String imageId) {
        if (imageId == null || imageId.isEmpty() || imageId.contains("/") || imageId.contains("\\")
                || imageId.startsWith(".") || imageId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid image id '" + imageId + "' (must be a plain file name)");
        }
        return imageId;
    }
}
