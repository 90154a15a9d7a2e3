package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.BuildProgress;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.synth.SynthWorld;
import dev.rex.model.infer.UntrainedCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rex eval} on a small synthetic world with an untrained checkpoint: every val question answered, the table. */
class EvalCommandTest {
    @Test
    void answersEveryValQuestionAndPrintsTheTable(@TempDir Path dir) throws Exception {
        Path world = dir.resolve("world");
        SynthWorld.generate(new SynthWorld.Options(20, 5, 3, world, true), (d, t) -> { });
        Path rex = dir.resolve("gqa-rex");
        new DatasetBuilder().build(BuildOptions.of(world.resolve("questions"), world.resolve("sceneGraphs"),
                world.resolve("boxes"), rex), BuildProgress.NONE);
        Path checkpoint = dir.resolve("checkpoint");
        UntrainedCheckpoint.write(checkpoint, "tiny", List.of(new UntrainedCheckpoint.Example("Is the cup red?", "yes",
                "#3 is red"), new UntrainedCheckpoint.Example("What is on the table?", "cup", "#1 on #2 is cup")), 5);
        Path predictions = dir.resolve("predictions.json");

        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new EvalCommand()).execute("--checkpoint", checkpoint.toString(), "--questions",
                    world.resolve("questions").toString(), "--scene-graphs", world.resolve("sceneGraphs").toString(),
                    "--features", world.toString(), "--data", rex.toString(), "--no-spice", "--batch", "4",
                    "--predictions", predictions.toString());
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        ObjectMapper json = new ObjectMapper();
        JsonNode questions = json.readTree(world.resolve("questions/val_balanced_questions.json").toFile());
        JsonNode written = json.readTree(predictions.toFile());
        assertEquals(questions.size(), written.size(), "one prediction per val question");
        questions.fieldNames().forEachRemaining(qid -> assertTrue(written.has(qid), qid));
        for (String metric : new String[]{"Bleu_4", "METEOR", "ROUGE_L", "CIDEr", "Grounding (corr.)", "VQA accuracy"}) {
            assertTrue(out.contains(metric), metric + " missing:\n" + out);
        }

        CliRun bad = CliRun.of("eval", "--checkpoint", dir.resolve("nope").toString(),
                "--questions", world.resolve("questions").toString(), "--scene-graphs",
                world.resolve("sceneGraphs").toString(), "--features", world.toString(), "--data", rex.toString());
        assertEquals(2, bad.code(), "a missing checkpoint is a user error: " + bad.err());
        assertTrue(bad.err().contains("has no model.safetensors"), bad.err());
    }
}
