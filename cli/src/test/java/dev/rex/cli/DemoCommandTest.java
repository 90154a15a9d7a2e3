package dev.rex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's science path end to end on a very small world (the stack part is covered by the Stack tests). */
class DemoCommandTest {

    @Test
    void runsTheChainAndPrintsTheMetricTable(@TempDir Path home) throws Exception {
        String before = System.getProperty("rex.home");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("rex.home", home.toString());
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new DemoCommand()).execute("--no-stack", "--exit", "--images", "12", "--batch", "16",
                    "--questions-per-image", "6", "--epochs", "1");
        } finally {
            System.setOut(stdout);
            if (before == null) System.clearProperty("rex.home"); else System.setProperty("rex.home", before);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        for (String metric : new String[]{"Bleu_4", "METEOR", "ROUGE_L", "CIDEr", "Grounding", "VQA accuracy"}) {
            assertTrue(out.contains(metric), metric + " missing from:\n" + out);
        }
        assertTrue(out.contains("answers and explanations: in-process validation pass (--no-stack)"),
                "without the stack the table scores the training's own validation pass:\n" + out);
        assertTrue(Files.isDirectory(home.resolve(".rex/demo/model/best")), "no best checkpoint written");
        assertTrue(Files.isRegularFile(home.resolve(".rex/demo/gqa-rex/converted_explanation_val.json")));
    }
}
