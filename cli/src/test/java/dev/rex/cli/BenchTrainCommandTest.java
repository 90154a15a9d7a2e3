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

/** A smoke run of {@code rex bench train} (it once crashed before its first step and no test noticed). */
class BenchTrainCommandTest {
    @Test
    void printsAnEpochRowAndTheAccuracyByType(@TempDir Path work) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new BenchTrainCommand()).execute("--images", "20", "--questions-per-image", "5",
                    "--epochs", "1", "--config", "tiny", "--skip-base", "--threads", "1", "--work", work.toString());
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.matches("(?s).*\\n\\s+1\\s+\\d+\\.\\d{4}\\s+\\d\\.\\d{4}.*"), "no epoch row in:\n" + out);
        assertTrue(out.contains("by question type"), out);
        assertTrue(Files.isRegularFile(work.resolve("tiny/epoch-001/val-predictions.json")),
                "the epoch checkpoint has no val predictions");
    }
}
