package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rex dataset build} as external checks run it: the original's fixtures, both IoU variants; errors. */
class DatasetBuildCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();


    private static Path fixtures() {
        return Fixtures.gqaRex();
    }

    @Test
    void reproducesTheOriginalWithBothIous(@TempDir Path dir) throws IOException {
        Path fx = fixtures();
        for (String iou : new String[]{"reference", "clamped"}) {
            Path out = dir.resolve(iou);
            CliRun r = CliRun.of("dataset", "build", "--questions", fx.resolve("question").toString(), "--scene-graphs",
                    fx.resolve("sceneGraphs").toString(), "--boxes", fx.resolve("boxes").toString(), "--out",
                    out.toString(), "--iou", iou);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("rejections: none"), r.out());
            Path expected = fx.resolve(iou.equals("reference") ? "expected" : "expected_clamped");
            try (Stream<Path> files = Files.list(expected)) {
                for (Path e : files.toList()) {
                    JsonNode want = JSON.readTree(e.toFile());
                    JsonNode got = JSON.readTree(out.resolve(e.getFileName()).toFile());
                    assertEquals(want.size(), got.size(), e.getFileName().toString());
                    for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                        String qid = it.next();
                        assertEquals(want.get(qid), got.get(qid), iou + " " + e.getFileName() + " " + qid);
                    }
                }
            }
            JsonNode vocabulary = JSON.readTree(out.resolve("vocabulary.json").toFile());
            assertTrue(vocabulary.get("post_processing").size() > 0 && vocabulary.get("finalizing").size() > 0);
        }
    }

    @Test
    void userErrorsSayWhatToDo(@TempDir Path dir) {
        CliRun missing = CliRun.of("dataset", "build", "--questions", dir.toString(), "--scene-graphs", dir.toString(),
                "--boxes", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("train_balanced_questions.json"), missing.err());
        CliRun badIou = CliRun.of("dataset", "build", "--questions", dir.toString(), "--scene-graphs", dir.toString(),
                "--boxes", dir.toString(), "--out", dir.toString(), "--iou", "fuzzy");
        assertEquals(2, badIou.code());
        assertTrue(badIou.err().contains("--iou"), badIou.err());
    }
}
