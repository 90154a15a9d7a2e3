package dev.rex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's science path end to end on a very small world (the stack part is covered by the Stack tests). */
class DemoCommandTest {

    @Test
    void runsTheChainAndPrintsTheMetricTable(@TempDir Path home) throws Exception {
        String[] args = {"--no-stack", "--images", "12", "--batch", "16", "--questions-per-image", "6", "--epochs",
                "1"};
        Run first = demo(home, args);
        String out = first.out();
        assertEquals(0, first.code(), out);
        for (String metric : new String[]{"Bleu_4", "METEOR", "ROUGE_L", "CIDEr", "Grounding", "VQA accuracy"}) {
            assertTrue(out.contains(metric), metric + " missing from:\n" + out);
        }
        assertTrue(out.contains("answers and explanations: in-process validation pass (--no-stack)"),
                "without the stack the table scores the training's own validation pass:\n" + out);
        assertTrue(Files.isDirectory(home.resolve(".rex/demo/model/best")), "no best checkpoint written");
        assertTrue(Files.isRegularFile(home.resolve(".rex/demo/gqa-rex/converted_explanation_val.json")));
        assertStepsCountedOnce(out, 4);
        assertFalse(out.contains("--no-spice"), "the user passed no --no-spice:\n" + out);

        // the same seed and sizes: the world and the build are kept (and said so), the model is trained afresh
        Path worldFile = home.resolve(".rex/demo/world/questions/val_balanced_questions.json");
        long worldTime = Files.getLastModifiedTime(worldFile).toMillis();
        Run again = demo(home, args);
        assertEquals(0, again.code(), again.out());
        assertTrue(again.out().contains("[1/4] synthetic GQA world: reusing .rex/demo/world"), again.out());
        assertTrue(again.out().contains("[2/4] GQA-REX, batch build: reusing .rex/demo/gqa-rex"), again.out());
        assertEquals(worldTime, Files.getLastModifiedTime(worldFile).toMillis(), "world regenerated");
        assertTrue(again.out().contains("best epoch 1,"), "trained afresh, not resumed:\n" + again.out());
        assertStepsCountedOnce(again.out(), 4);

        // another size: a new world
        Run other = demo(home, "--no-stack", "--images", "10", "--batch", "16", "--questions-per-image", "6",
                "--epochs", "1");
        assertEquals(0, other.code(), other.out());
        assertTrue(other.out().contains("[1/4] synthetic GQA world: 10 images x 6 questions"), other.out());
    }

    private static void assertStepsCountedOnce(String out, int steps) {
        List<String> numbers = out.lines().filter(l -> l.matches("^\\[\\d+/\\d+\\].*"))
                .map(l -> l.substring(0, l.indexOf(']') + 1)).toList();
        List<String> expected = java.util.stream.IntStream.rangeClosed(1, steps).mapToObj(i -> "[" + i + "/" + steps
                + "]").toList();
        assertEquals(expected, numbers, out);
    }

    private record Run(int code, String out) {
    }

    private static Run demo(Path home, String... args) {
        String before = System.getProperty("rex.home");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("rex.home", home.toString());
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = RexCli.commandLine().execute(java.util.stream.Stream.concat(java.util.stream.Stream.of("demo"),
                    java.util.Arrays.stream(args)).toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            if (before == null) System.clearProperty("rex.home"); else System.setProperty("rex.home", before);
        }
        return new Run(code, captured.toString(StandardCharsets.UTF_8));
    }
}
