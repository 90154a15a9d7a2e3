package dev.rex.gqa.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.BuildProgress;
import dev.rex.gqa.build.BuildReport;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.ground.IouMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The GQA-REX build ({@link DatasetBuilder}, the original chain) over a synthetic world. The world only asks what
 * the original chain handles, so the original would reject nothing: every question must come out with an
 * explanation, and the explanations must point at the image's regions ({@code #k}).
 */
class SynthWorldBuildTest {
    @TempDir
    Path tmp;

    @Test
    void buildRejectsNothingAndExplanationsUseRegions() throws IOException {
        Path world = tmp.resolve("world");
        SynthWorld.generate(new SynthWorld.Options(30, 10, 11, world, false), null);
        BuildOptions options = new BuildOptions(world.resolve("questions"), world.resolve("sceneGraphs"),
                world.resolve("boxes"), tmp.resolve("gqa-rex"), SynthWorld.SPLITS, false, IouMode.REFERENCE, 0L, 1,
                64);
        BuildReport report = new DatasetBuilder().build(options, BuildProgress.NONE);
        System.out.print(report.summary());
        for (Map.Entry<String, BuildReport.SplitCounts> e : report.splits().entrySet()) {
            BuildReport.SplitCounts c = e.getValue();
            System.out.println(e.getKey() + ": rejection codes " + c.rejections + ", drops " + c.drops);
            assertEquals(Map.of(), c.rejections, e.getKey() + ": rejections");
            assertEquals(Map.of(), c.drops, e.getKey() + ": drops");
            assertEquals(c.read, c.converted, e.getKey() + ": every question explained");
        }
        assertEquals(300, report.totalRead());

        ObjectMapper json = new ObjectMapper();
        JsonNode converted = json.readTree(tmp.resolve("gqa-rex/converted_explanation_val.json").toFile());
        int withRegion = 0, total = 0;
        for (Map.Entry<String, JsonNode> e : converted.properties()) {
            String text = e.getValue().toString();
            if (text.matches(".*#\\d+.*")) withRegion++;
            total++;
        }
        System.out.println("val explanations grounded to a region: " + withRegion + "/" + total
                + "; e.g. " + converted.properties().iterator().next());
        assertTrue(withRegion > 0.8 * total, withRegion + "/" + total);
    }
}
