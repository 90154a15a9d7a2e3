package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.synth.SynthWorld;
import dev.rex.model.infer.UntrainedCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rex submission} writes GQA's submission file for every question of a file that has neither answers nor
 * programs (as test-standard's), and {@code rex eval --split testdev} scores answers only, without a GQA-REX build
 * or scene graphs.
 */
class SubmissionCommandTest {
    @Test
    void submissionHasEveryQuestionInFileOrderAndTestdevEvaluatesAnswersOnly(@TempDir Path dir) throws Exception {
        Path world = dir.resolve("world");
        SynthWorld.generate(new SynthWorld.Options(20, 5, 3, world, true), (d, t) -> { });
        Path checkpoint = dir.resolve("checkpoint");
        UntrainedCheckpoint.write(checkpoint, "tiny", List.of(new UntrainedCheckpoint.Example("Is the cup red?", "yes",
                "#3 is red"), new UntrainedCheckpoint.Example("What is on the table?", "cup", "#1 on #2 is cup")), 5);
        ObjectMapper json = new ObjectMapper();

        // a test-standard-like file: qid -> {imageId, question} only
        JsonNode testdev = json.readTree(world.resolve("questions/testdev_balanced_questions.json").toFile());
        var stripped = json.createObjectNode();
        List<String> qids = new ArrayList<>();
        testdev.fields().forEachRemaining(e -> {
            qids.add(e.getKey());
            stripped.putObject(e.getKey()).put("imageId", e.getValue().get("imageId").asText())
                    .put("question", e.getValue().get("question").asText());
        });
        Path questions = dir.resolve("submission_all_questions.json");
        json.writeValue(questions.toFile(), stripped);
        Path out = dir.resolve("submission.json");
        CliRun run = CliRun.of("submission", "--checkpoint", checkpoint.toString(), "--questions", questions.toString(),
                "--features", world.toString(), "--out", out.toString(), "--batch", "4");
        assertEquals(0, run.code(), run.err());
        JsonNode written = json.readTree(out.toFile());
        assertTrue(written.isArray());
        List<String> order = new ArrayList<>();
        Set<String> answers = Set.of("yes", "cup");
        written.forEach(p -> {
            assertEquals(Set.of("questionId", "prediction"), fieldNames(p), p.toString());
            order.add(p.get("questionId").asText());
            assertTrue(answers.contains(p.get("prediction").asText()), "an answer of the model's vocabulary: " + p);
        });
        assertEquals(qids, order, "every question, in the file's order");
        assertFalse(Files.exists(dir.resolve("submission.json.tmp")));

        CliRun missing = CliRun.of("submission", "--checkpoint", checkpoint.toString(), "--questions",
                questions.toString(), "--features", dir.resolve("empty").toString(), "--out", out.toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("--features"), missing.err());

        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        CliRun eval;
        try {
            eval = CliRun.of("eval", "--checkpoint", checkpoint.toString(), "--questions",
                    world.resolve("questions").toString(), "--features", world.toString(), "--split", "testdev",
                    "--no-spice", "--batch", "4");
        } finally {
            System.setOut(stdout);
        }
        String printed = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, eval.code(), eval.err() + printed);
        assertTrue(printed.contains("answers only"), printed);
        assertTrue(printed.matches("(?s).*VQA accuracy\\s+\\d+\\.\\d\\d.*"), "VQA accuracy computed:\n" + printed);
        assertTrue(printed.matches("(?s).*Bleu_4\\s+n/a.*"), "no caption score without references:\n" + printed);
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
