package dev.rex.gqa.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.Fixtures;
import dev.rex.gqa.ground.IouMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original chain's outputs on the 19 real GQA questions (../shared/fixtures/gqa-rex) reproduced through the
 * library: every expected file JSON-equal, qid by qid, with the reference IoU and with the clamped one.
 */
class OriginalFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void referenceIouReproducesTheOriginal(@TempDir Path out) throws IOException {
        Path fixtures = Fixtures.require("gqa-rex");
        BuildReport report = build(fixtures, out, IouMode.REFERENCE);
        assertEquals(19, report.totalRead());
        assertSameFiles(fixtures.resolve("expected"), out);
    }

    @Test
    void clampedIouReproducesTheCorrectedFixture(@TempDir Path out) throws IOException {
        Path fixtures = Fixtures.require("gqa-rex");
        build(fixtures, out, IouMode.CLAMPED);
        assertSameFiles(fixtures.resolve("expected_clamped"), out);
    }

    static BuildReport build(Path fixtures, Path out, IouMode iou) throws IOException {
        BuildOptions o = BuildOptions.of(fixtures.resolve("question"), fixtures.resolve("sceneGraphs"),
                fixtures.resolve("boxes"), out).withIou(iou);
        return new DatasetBuilder().build(o, BuildProgress.NONE);
    }

    static void assertSameFiles(Path expectedDir, Path actualDir) throws IOException {
        int files = 0;
        try (Stream<Path> s = Files.list(expectedDir)) {
            for (Path expected : s.sorted().toList()) {
                Path actual = actualDir.resolve(expected.getFileName());
                assertTrue(Files.exists(actual), "missing output " + expected.getFileName());
                JsonNode e = JSON.readTree(expected.toFile());
                JsonNode a = JSON.readTree(actual.toFile());
                for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                    String qid = it.next();
                    assertEquals(e.get(qid), a.get(qid), expected.getFileName() + " qid " + qid);
                }
                assertEquals(e.size(), a.size(), expected.getFileName() + ": number of entries");
                files++;
            }
        }
        assertTrue(files > 0);
    }
}
