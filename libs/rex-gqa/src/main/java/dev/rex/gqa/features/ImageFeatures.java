package dev.rex.gqa.features;

/**
 * The bottom-up regions of one image: {@code boxes} float32 [36,4] (x1, y1, x2, y2 in pixels) and
 * {@code features} float32 [36,2048], both row-major. Arrays are shared with the store's cache: treat as read-only.
 */
public record ImageFeatures(String imageId, float[] boxes, float[] features) {
    public static final int REGIONS = 36;
    public static final int BOX_DIM = 4;
    public static final int FEATURE_DIM = 2048;

    public ImageFeatures {
        if (boxes.length != REGIONS * BOX_DIM || features.length != REGIONS * FEATURE_DIM) {
            throw new IllegalArgumentException(imageId + ": expected " + REGIONS + " boxes and features, got "
                    + boxes.length + " box floats and " + features.length + " feature floats");
        }
    }

    /** Box {@code region} as {x1, y1, x2, y2}. */
    public float[] box(int region) {
        float[] b = new float[BOX_DIM];
        System.arraycopy(boxes, region * BOX_DIM, b, 0, BOX_DIM);
        return b;
    }

    /** Feature vector of {@code region} (a copy). */
    public float[] feature(int region) {
        float[] f = new float[FEATURE_DIM];
        System.arraycopy(features, region * FEATURE_DIM, f, 0, FEATURE_DIM);
        return f;
    }
}
