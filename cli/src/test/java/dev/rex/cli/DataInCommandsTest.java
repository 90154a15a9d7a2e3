package dev.rex.cli;

import dev.rex.gqa.features.BottomUpRecord;
import dev.rex.gqa.features.BottomUpTsv;
import dev.rex.gqa.features.FeatureStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code rex features import} and {@code rex dataset synth} through picocli: flags, output, exit codes. */
class DataInCommandsTest {
    @TempDir
    Path dir;


    private static String line(String id, float base) {
        long[] ids = new long[36];
        float[] conf = new float[36];
        float[] boxes = new float[144];
        float[] feats = new float[36 * 2048];
        for (int i = 0; i < boxes.length; i++) boxes[i] = base + i;
        for (int i = 0; i < feats.length; i++) feats[i] = base * i;
        return BottomUpTsv.format(new BottomUpRecord(id, 300, 400, ids, conf, ids, conf, 36, boxes, feats));
    }

    @Test
    void featuresImportSkipsACorruptLineAndResumes() throws Exception {
        Path tsv = dir.resolve("gqa_testdev_obj36.tsv");
        Files.writeString(tsv, line("n1", 1) + "\nn2\t300\t400\tnot base64!\n" + line("n3", 2) + "\n",
                StandardCharsets.ISO_8859_1);
        Path out = dir.resolve("store");
        CliRun r = CliRun.of("features", "import", "--tsv", tsv.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 lines: 2 imported, 0 already present, 1 bad lines skipped"), r.out());
        assertTrue(r.err().contains("line 2: image n2"), r.err());
        FeatureStore store = FeatureStore.open(out);
        assertEquals(2f * 5, store.get("n3").features()[5]);
        assertEquals(1f + 143, store.get("n1").boxes()[143]);
        CliRun again = CliRun.of("features", "import", "--tsv", tsv.toString(), "--out", out.toString());
        assertTrue(again.out().contains("0 imported, 2 already present, 1 bad"), again.out());
        CliRun missing = CliRun.of("features", "import", "--tsv", dir.resolve("none.tsv").toString(), "--out", out.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.tsv"), missing.err());
    }

    @Test
    void datasetSynthWritesGqaFilesAndPrintsFamilies() {
        Path out = dir.resolve("world");
        CliRun r = CliRun.of("dataset", "synth", "--images", "5", "--questions-per-image", "13", "--seed", "9",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("questions"), r.out());
        assertTrue(r.out().contains("compare"), r.out());
        for (String split : new String[]{"train", "val", "testdev"}) {
            assertTrue(Files.isRegularFile(out.resolve("questions/" + split + "_balanced_questions.json")));
            assertTrue(Files.isRegularFile(out.resolve("sceneGraphs/" + split + "_sceneGraphs.json")));
        }
        CliRun again = CliRun.of("dataset", "synth", "--images", "5", "--questions-per-image", "13", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("--overwrite"), again.err());
        CliRun tooFew = CliRun.of("dataset", "synth", "--images", "2", "--questions-per-image", "3", "--out",
                dir.resolve("w2").toString());
        assertEquals(2, tooFew.code());
        assertTrue(tooFew.err().contains("--images must be at least 3"), tooFew.err());
    }
}
