package dev.rex.gqa.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BottomUpImporterTest {
    @TempDir
    Path tmp;

    static BottomUpRecord record(String id, int n, int dim, long seed) {
        Random r = new Random(seed);
        long[] objIds = new long[n];
        float[] objConf = new float[n];
        long[] attrIds = new long[n];
        float[] attrConf = new float[n];
        float[] boxes = new float[n * 4];
        float[] features = new float[n * dim];
        for (int i = 0; i < n; i++) {
            objIds[i] = r.nextInt(1600);
            objConf[i] = r.nextFloat();
            attrIds[i] = r.nextInt(400);
            attrConf[i] = r.nextFloat();
            float x = r.nextFloat() * 300, y = r.nextFloat() * 200;
            boxes[i * 4] = x;
            boxes[i * 4 + 1] = y;
            boxes[i * 4 + 2] = x + 1 + r.nextFloat() * 100;
            boxes[i * 4 + 3] = y + 1 + r.nextFloat() * 100;
        }
        for (int i = 0; i < features.length; i++) features[i] = r.nextFloat() * 4;
        return new BottomUpRecord(id, 375 + (int) seed, 500 + (int) seed, objIds, objConf, attrIds, attrConf, n,
                boxes, features);
    }

    @Test
    void codecRoundTripsEveryColumn() throws Exception {
        BottomUpRecord r = record("2325190", 36, 2048, 1);
        String line = BottomUpTsv.format(r);
        assertEquals(10, line.split("\t").length);
        BottomUpRecord back = BottomUpTsv.parse(line + "\r");
        assertEquals("2325190", back.imageId());
        assertEquals(376, back.imageHeight());
        assertEquals(501, back.imageWidth());
        assertArrayEquals(r.objectIds(), back.objectIds());
        assertArrayEquals(r.attrConf(), back.attrConf());
        assertArrayEquals(r.boxes(), back.boxes());
        assertArrayEquals(r.features(), back.features());
    }

    @Test
    void importsGoodLinesSkipsBadOnesAndResumes() throws IOException {
        BottomUpRecord a = record("100", 36, 2048, 1);
        BottomUpRecord b = record("n200", 36, 2048, 2);
        BottomUpRecord c = record("300", 36, 2048, 3);
        String goodA = BottomUpTsv.format(a);
        String[] cols = BottomUpTsv.format(b).split("\t");
        cols[9] = cols[9].substring(0, 1000) + "!!!" + cols[9].substring(1003); // corrupt base64
        String corrupt = String.join("\t", cols);
        String tooFewBoxes = BottomUpTsv.format(record("400", 10, 2048, 4));
        float[] nanBoxes = record("500", 36, 2048, 5).boxes();
        nanBoxes[7] = Float.NaN;
        BottomUpRecord r5 = record("500", 36, 2048, 5);
        String withNan = BottomUpTsv.format(new BottomUpRecord("500", 1, 1, r5.objectIds(), r5.objectConf(),
                r5.attrIds(), r5.attrConf(), 36, nanBoxes, r5.features()));
        Path tsv = tmp.resolve("vg_gqa_obj36.tsv");
        Files.writeString(tsv, String.join("\n", goodA, corrupt, "truncated\t12", tooFewBoxes,
                BottomUpTsv.format(c), withNan) + "\n", StandardCharsets.ISO_8859_1);

        Path out = tmp.resolve("store");
        List<BottomUpImporter.BadLine> reported = new ArrayList<>();
        BottomUpImporter.Report report = BottomUpImporter.importTsv(tsv, out, 1, new BottomUpImporter.Listener() {
            @Override
            public void progress(long bytesRead, BottomUpImporter.Report soFar) {
            }

            @Override
            public void badLine(BottomUpImporter.BadLine bad) {
                reported.add(bad);
            }
        });
        report.badLines().forEach(x -> System.out.println("  skipped " + x));
        assertEquals(6, report.lines());
        assertEquals(2, report.imported());
        assertEquals(List.of(2L, 3L, 4L, 6L), report.badLines().stream().map(BottomUpImporter.BadLine::lineNumber)
                .toList());
        assertEquals(report.badLines(), reported);
        assertTrue(report.badLines().get(0).reason().contains("features: invalid base64"), report.toString());
        assertTrue(report.badLines().get(1).reason().contains("10 tab-separated columns"));
        assertTrue(report.badLines().get(2).reason().contains("num_boxes is 10"));
        assertTrue(report.badLines().get(3).reason().contains("non-finite"));

        FeatureStore store = FeatureStore.open(out);
        ImageFeatures fa = store.get("100");
        assertArrayEquals(a.boxes(), fa.boxes());
        assertArrayEquals(a.features(), fa.features());
        assertArrayEquals(c.features(), store.get("300").features());
        assertEquals(new ImageSize(501, 376), store.size("100").orElseThrow());
        assertEquals(List.of("100", "300"), List.copyOf(store.imageIds()));
        assertFalse(store.contains("n200"));

        // several workers: the same report, in line order, and the same arrays
        Path parallel = tmp.resolve("parallel");
        BottomUpImporter.Report par = BottomUpImporter.importTsv(tsv, parallel, 3, null);
        assertEquals(report, par);
        assertArrayEquals(c.features(), new FeatureStore(parallel).get("300").features());
        assertEquals(java.util.Set.of("100", "300"), new FeatureStore(parallel).imageIds());

        // resume: the two complete images are skipped, the bad lines reported again
        BottomUpImporter.Report again = BottomUpImporter.importTsv(tsv, out, null);
        assertEquals(0, again.imported());
        assertEquals(2, again.alreadyPresent());
        assertEquals(4, again.bad());

        // a store interrupted after writing arrays but before indexing (torn index line) re-imports that image
        Path index = FeatureStoreIndex.path(out);
        String text = Files.readString(index);
        Files.writeString(index, text.substring(0, text.indexOf("300") + 2));
        BottomUpImporter.Report resumed = BottomUpImporter.importTsv(tsv, out, null);
        assertEquals(1, resumed.imported());
        assertEquals(1, resumed.alreadyPresent());
        assertEquals("100\t501\t376\n300\t503\t378\n", Files.readString(index));
    }

    @Test
    void missingTsvIsAUserError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BottomUpImporter.importTsv(tmp.resolve("nope.tsv"), tmp.resolve("o"), null));
        assertTrue(e.getMessage().contains("nope.tsv"));
    }
}
