package dev.rex.metrics.rex;

import java.util.Arrays;

/**
 * A binary image mask of {@code height × width} pixels built from rectangles exactly as NumPy's
 * {@code mask[y1:y2, x1:x2] = 1} fills them (negative bounds count from the end, bounds clamped to the image,
 * empty when stop ≤ start), stored as one bit per pixel so IoUs over many candidate unions stay cheap.
 */
final class PixelMask {

    final int width;
    final int height;
    private final int wordsPerRow;
    final long[] bits;

    PixelMask(int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("image size must be non-negative, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.wordsPerRow = (width + 63) >>> 6;
        this.bits = new long[wordsPerRow * height];
    }

    private PixelMask(PixelMask other) {
        this.width = other.width;
        this.height = other.height;
        this.wordsPerRow = other.wordsPerRow;
        this.bits = other.bits.clone();
    }

    PixelMask copy() {
        return new PixelMask(this);
    }

    /** Python slice bound normalisation for a step-1 slice over a dimension of {@code size}. */
    static int sliceBound(long v, int size) {
        if (v < 0) {
            v += size;
            if (v < 0) {
                v = 0;
            }
        }
        return (int) Math.min(v, size);
    }

    /** {@code mask[y1:y2, x1:x2] = 1} with integer bounds. */
    void fill(long x1, long y1, long x2, long y2) {
        int xs = sliceBound(x1, width);
        int xe = sliceBound(x2, width);
        int ys = sliceBound(y1, height);
        int ye = sliceBound(y2, height);
        if (xe <= xs || ye <= ys) {
            return;
        }
        for (int y = ys; y < ye; y++) {
            int base = y * wordsPerRow;
            for (int x = xs; x < xe; ) {
                int w = x >>> 6;
                int from = x & 63;
                int to = Math.min(64, from + (xe - x));
                long m = (to == 64 ? -1L : (1L << to) - 1) & (-1L << from);
                bits[base + w] |= m;
                x += to - from;
            }
        }
    }

    void or(PixelMask o) {
        for (int i = 0; i < bits.length; i++) {
            bits[i] |= o.bits[i];
        }
    }

    /** {@code logical_and(a, b).sum() / logical_or(a, b).sum()}, 0 where the union is empty (NaN → 0). */
    static double iou(PixelMask a, PixelMask b) {
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.bits.length; i++) {
            inter += Long.bitCount(a.bits[i] & b.bits[i]);
            union += Long.bitCount(a.bits[i] | b.bits[i]);
        }
        return union == 0 ? 0.0 : inter / (double) union;
    }

    /** IoU of {@code (a ∪ extra)} with {@code gt}, without building the union. */
    static double iouWith(PixelMask a, PixelMask extra, PixelMask gt) {
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.bits.length; i++) {
            long p = a.bits[i] | extra.bits[i];
            inter += Long.bitCount(p & gt.bits[i]);
            union += Long.bitCount(p | gt.bits[i]);
        }
        return union == 0 ? 0.0 : inter / (double) union;
    }

    boolean isEmpty() {
        return Arrays.stream(bits).allMatch(b -> b == 0);
    }
}
