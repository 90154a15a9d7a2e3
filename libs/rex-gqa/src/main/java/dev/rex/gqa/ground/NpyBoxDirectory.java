package dev.rex.gqa.ground;

import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.npy.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Boxes from {@code DIR/<imageId>.npy} (float32 [N,4], x1 y1 x2 y2 pixels: the original extract_tsv.py layout),
 * with a small LRU cache (boxes are 576 bytes per image; questions of an image tend to come together).
 */
public final class NpyBoxDirectory implements BoxSource {
    private final Path dir;
    private final Map<String, float[][]> cache;

    public NpyBoxDirectory(Path dir, int cacheSize) {
        this.dir = dir;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[][]> e) {
                return size() > cacheSize;
            }
        };
    }

    @Override
    public float[][] boxes(String imageId) {
        synchronized (cache) {
            float[][] hit = cache.get(imageId);
            if (hit != null) return hit;
        }
        float[][] boxes = read(imageId);
        synchronized (cache) {
            cache.put(imageId, boxes);
        }
        return boxes;
    }

    private float[][] read(String imageId) {
        Path file = dir.resolve(imageId + ".npy");
        if (imageId.contains("/") || imageId.contains("\\") || !Files.isRegularFile(file)) {
            throw new RejectedException(RejectionCode.MISSING_BOXES, "no box file " + file);
        }
        try {
            Npy.FloatArray a = Npy.readFloat32(file);
            if (a.shape().length != 2 || a.shape()[1] != 4) {
                throw new RejectedException(RejectionCode.MISSING_BOXES,
                        file + " has shape " + Npy.shapeString(a.shape()) + ", expected [N,4]");
            }
            float[][] rows = new float[a.shape()[0]][4];
            for (int i = 0; i < rows.length; i++) System.arraycopy(a.data(), i * 4, rows[i], 0, 4);
            return rows;
        } catch (IOException e) {
            throw new RejectedException(RejectionCode.MISSING_BOXES, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
