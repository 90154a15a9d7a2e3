package dev.rex.gqa.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.ground.IouMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The project's own GQA-format corpus ({@code gqa-mini}: 57 hand-made questions on 5 images) exercising every
 * template and action, the string repairs, each drop, the rounding of positions, the IoU quirk, substring
 * replacement order, plural rewriting with the kept plurals, the fixed token repairs and the per-image gender
 * state. Its {@code expected/} files are the original chain's outputs on these inputs (the original scripts run
 * with the two crash fixes of the shared fixtures' README; NumPy seed 0; no question reaches a random choice
 * between several values). Both IoU variants.
 */
class MiniCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(MiniCorpusTest.class.getResource("/dev/rex/gqa/" + name),
                    name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static BuildReport build(String corpus, Path out, IouMode iou, int threads) throws IOException {
        Path in = resource(corpus);
        BuildOptions o = BuildOptions.of(in.resolve("question"), in.resolve("sceneGraphs"), in.resolve("boxes"), out)
                .withIou(iou).withThreads(threads);
        return new DatasetBuilder().build(o, BuildProgress.NONE);
    }

    @Test
    void referenceIouEqualsTheOriginal(@TempDir Path out) throws IOException {
        BuildReport r = build("gqa-mini", out, IouMode.REFERENCE, 1);
        OriginalFixturesTest.assertSameFiles(resource("gqa-mini/expected"), out);
        BuildReport.SplitCounts train = r.splits().get("train");
        assertEquals(40, train.read);
        assertEquals(1, train.drops.get(DropReason.DIRECTION));
        assertEquals(1, train.drops.get(DropReason.ERROR));
        assertEquals(1, train.drops.get(DropReason.SCENE));
        assertEquals(1, train.drops.get(DropReason.EMPTY));
        assertEquals(0, train.rejected());
    }

    @Test
    void clampedIouEqualsTheCorrectedOriginal(@TempDir Path out) throws IOException {
        build("gqa-mini", out, IouMode.CLAMPED, 1);
        OriginalFixturesTest.assertSameFiles(resource("gqa-mini/expected_clamped"), out);
    }

    @Test
    void threadsDoNotChangeTheOutput(@TempDir Path out) throws IOException {
        build("gqa-mini", out, IouMode.REFERENCE, 3);
        OriginalFixturesTest.assertSameFiles(resource("gqa-mini/expected"), out);
    }

    @Test
    void substringReplacementOrderAndUngroundedIdsAreKept(@TempDir Path out) throws IOException {
        build("gqa-mini", out, IouMode.REFERENCE, 1);
        JsonNode train = JSON.readTree(out.resolve("grounded_explanation_train.json").toFile());
        // object 14 grounds to #15 and object 15 to #14: replacing "14" first, then "15", rewrites the first #15
        assertEquals("both ##14 and #14 are white", train.get("t17").asText());
        JsonNode val = JSON.readTree(out.resolve("converted_explanation_val.json").toFile());
        // no box has a positive IoU with object 1293422: its id stays, and finalizing repairs it
        assertEquals("sidewalk is gray", val.get("v01").asText());
        assertEquals("#0 is mouse", val.get("v02").asText()); // mice -> mouse
        assertEquals("#2 is pictures", val.get("v03").asText()); // kept plural although "picture" occurs
    }
}
