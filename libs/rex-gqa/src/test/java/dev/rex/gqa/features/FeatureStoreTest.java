package dev.rex.gqa.features;

import dev.rex.gqa.npy.Npy;
import dev.rex.gqa.npy.NpyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

class FeatureStoreTest {
    @TempDir
    Path tmp;

    private static float[] filled(int n, float base) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = base + i * 0.001f;
        return a;
    }

    @Test
    void writesAndReadsLazilyWithABoundedCache() throws Exception {
        try (FeatureStoreWriter w = new FeatureStoreWriter(tmp)) {
            for (int i = 0; i < 10; i++) {
                w.put("img" + i, new ImageSize(640, 480), filled(144, i), filled(36 * 2048, -i));
            }
        }
        FeatureStore store = new FeatureStore(tmp, 3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<ImageFeatures>> got = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            int i = k % 10;
            got.add(pool.submit(() -> store.get("img" + i)));
        }
        for (int k = 0; k < 40; k++) {
            ImageFeatures f = got.get(k).get();
            assertEquals("img" + k % 10, f.imageId());
            assertEquals(-(k % 10), f.features()[0], 0f);
            assertEquals(k % 10 + 0.001f, f.box(0)[1], 1e-6f);
        }
        pool.shutdown();
        assertSame(store.get("img9"), store.get("img9"), "cached");
        assertArrayEquals(filled(144, 2), store.boxes("img2"));
        assertEquals(10, store.imageIds().size());
        assertTrue(store.contains("img0"));
        assertFalse(store.contains("img10"));
    }

    @Test
    void validationNamesTheFile() throws IOException {
        try (FeatureStoreWriter w = new FeatureStoreWriter(tmp)) {
            w.put("ok", new ImageSize(1, 1), filled(144, 0), filled(36 * 2048, 0));
        }
        Path feat = FeatureStore.featuresPath(tmp, "ok");
        float[] bad = filled(36 * 2048, 0);
        bad[2048 * 3 + 5] = Float.POSITIVE_INFINITY;
        Npy.writeFloat32(feat, new int[]{36, 2048}, bad);
        NpyException e = assertThrows(NpyException.class, () -> new FeatureStore(tmp).get("ok"));
        assertEquals(feat + ": non-finite value Infinity at region 3, column 5", e.getMessage());

        Npy.writeFloat32(FeatureStore.boxesPath(tmp, "ok"), new int[]{36, 5}, new float[180]);
        e = assertThrows(NpyException.class, () -> new FeatureStore(tmp).get("ok"));
        assertTrue(e.getMessage().contains("boxes/ok.npy: shape is (36, 5), expected (36, 4)"), e.getMessage());

        Npy.writeInt64(FeatureStore.boxesPath(tmp, "ok"), new int[]{36, 4}, new long[144]);
        e = assertThrows(NpyException.class, () -> new FeatureStore(tmp).boxes("ok"));
        assertTrue(e.getMessage().contains("dtype is <i8"), e.getMessage());

        e = assertThrows(NpyException.class, () -> new FeatureStore(tmp).get("missing"));
        assertTrue(e.getMessage().contains("missing.npy"));
        assertThrows(IllegalArgumentException.class, () -> new FeatureStore(tmp).get("../etc"));
        IllegalArgumentException notStore = assertThrows(IllegalArgumentException.class,
                () -> FeatureStore.open(tmp.resolve("empty")));
        assertTrue(notStore.getMessage().contains("rex features import"));
    }

    @Test
    void writerRefusesWrongShapesAndNonFiniteValues() throws IOException {
        try (FeatureStoreWriter w = new FeatureStoreWriter(tmp)) {
            assertThrows(IllegalArgumentException.class,
                    () -> w.put("a", new ImageSize(1, 1), new float[10], new float[36 * 2048]));
            float[] nan = new float[144];
            nan[0] = Float.NaN;
            assertThrows(NpyException.class, () -> w.put("a", new ImageSize(1, 1), nan, new float[36 * 2048]));
            assertFalse(w.isComplete("a"));
        }
    }
}
