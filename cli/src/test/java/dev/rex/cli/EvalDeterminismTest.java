package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.BuildProgress;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.synth.SynthWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation of the same predictions gives the same table, bit for bit, in three separate JVMs: the published
 * grounding depends on the order of each question's annotated objects, and an unordered map on that path once made
 * it differ from JVM to JVM. The table is the whole of the paper's (attribute recall and GQA-OOD from the synthetic
 * world's own tables).
 */
class EvalDeterminismTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 9, unit = TimeUnit.MINUTES)
    void threeJvmsPrintTheSameTableBitForBit(@TempDir Path dir) throws Exception {
        Path world = dir.resolve("world");
        SynthWorld.generate(new SynthWorld.Options(40, 8, 11, world, true), (d, t) -> { });
        Path rex = dir.resolve("gqa-rex");
        new DatasetBuilder().build(BuildOptions.of(world.resolve("questions"), world.resolve("sceneGraphs"),
                world.resolve("boxes"), rex), BuildProgress.NONE);
        Path predictions = predictions(world, rex, dir.resolve("predictions.json"));

        List<byte[]> tables = new ArrayList<>();
        String firstOut = null;
        for (int run = 0; run < 3; run++) {
            Path json = dir.resolve("table-" + run + ".json");
            Path log = dir.resolve("run-" + run + ".log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                    RexCli.class.getName(), "eval", "--from-predictions", predictions.toString(),
                    "--questions", world.resolve("questions").toString(),
                    "--scene-graphs", world.resolve("sceneGraphs").toString(), "--features", world.toString(),
                    "--data", rex.toString(), "--no-spice", "--attributes", world.resolve("rex-eval").toString(),
                    "--ood", world.resolve("ood").toString(), "--json", json.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(150, TimeUnit.SECONDS), "run " + run + " did not finish");
            String out = Files.readString(log);
            assertEquals(0, p.exitValue(), out);
            tables.add(Files.readAllBytes(json));
            if (firstOut == null) firstOut = out;
        }
        assertArrayEquals(tables.get(0), tables.get(1), "JVM 1 and 2 disagree");
        assertArrayEquals(tables.get(0), tables.get(2), "JVM 1 and 3 disagree");

        JsonNode table = JSON.readTree(tables.get(0));
        assertFalse(table.path("groundingPublished").isNull(), table.toString());
        assertFalse(table.path("groundingCorrected").isNull(), table.toString());
        assertTrue(table.path("attributeRecall").size() > 0, table.toString());
        for (String part : List.of("all", "head", "tail")) {
            assertTrue(table.path("oodAccuracy").has(part), part + " missing: " + table);
        }
        assertTrue(firstOut.contains("GQA-OOD tail") && firstOut.contains("Attr. "), firstOut);
    }

    /** Deterministic predictions: the reference explanation with its first region token moved, every third answer wrong. */
    private static Path predictions(Path world, Path rex, Path out) throws Exception {
        JsonNode questions = JSON.readTree(world.resolve("questions/val_balanced_questions.json").toFile());
        JsonNode references = JSON.readTree(rex.resolve("converted_explanation_val.json").toFile());
        ObjectNode written = JSON.createObjectNode();
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = questions.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> q = it.next();
            String ref = references.path(q.getKey()).asText("");
            String explanation = i % 4 == 0 ? ref.replaceFirst("#(\\d+)", "#" + (i % 36)) : ref;
            written.putObject(q.getKey()).put("answer", i % 3 == 0 ? "no" : q.getValue().path("answer").asText())
                    .put("explanation", explanation);
        }
        JSON.writeValue(out.toFile(), written);
        return out;
    }
}
